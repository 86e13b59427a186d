namespace CharLstmLab.Pages;

/// <summary>One cell of a lesson page, in the order the lesson reads.</summary>
public abstract record PageCell;

/// <summary>Prose, as Markdown.</summary>
public sealed record ProseCell(string Markdown) : PageCell;

/// <summary>Code as the reader sees it, a label (cell number, execution count), and what it showed.</summary>
public sealed record CodeCell(string Code, string Label, IReadOnlyList<PageOutput> Outputs) : PageCell;
