namespace CharLstmLab.Pages;

/// <summary>Code as the reader sees it, a label (cell number, execution count), and what it showed.</summary>
public sealed record CodeCell(string Code, string Label, IReadOnlyList<PageOutput> Outputs) : PageCell;
