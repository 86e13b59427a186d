namespace CharLstmLab.Pages;

/// <summary>Prose, as Markdown.</summary>
public sealed record ProseCell(string Markdown) : PageCell;
