namespace CharLstmLab.Diagnostics;

/// <summary>
/// Line counts of a sample by Markdown block kind. <paramref name="Lines"/> counts non-blank lines;
/// <paramref name="ParagraphLines"/> are plain text, everything else is structure. A sample that
/// ends inside a fenced code block has <paramref name="FencesBalanced"/> false.
/// </summary>
public sealed record MarkdownReport(int Lines, int Headings, int ListItems, int TableRows, int Quotes,
    int FenceLines, int CodeLines, int ParagraphLines, bool FencesBalanced)
{
    public int StructuredLines => Lines - ParagraphLines;
    public double StructuredRate => Lines == 0 ? 0 : (double)StructuredLines / Lines;
}
