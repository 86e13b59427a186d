using System.Text.RegularExpressions;

namespace CharLstmLab.Diagnostics;

/// <summary>
/// Recognizes Markdown blocks line by line, by hand-written patterns rather than a full parser:
/// ATX headings (<c>#</c>..<c>######</c>, a space, text), bullet (<c>- </c>, <c>* </c>, <c>+ </c>)
/// and numbered (<c>1. </c>, <c>1) </c>) list items, table rows (<c>| a | b |</c>, at least two
/// cells, delimiter rows included), block quotes (<c>&gt; </c>, nested too) and fences (three or
/// more backticks). Indentation is allowed everywhere, so nested list items count. As in
/// CommonMark, a fence with an info string ("```bash") opens a block but only a bare fence closes it.
/// </summary>
public static partial class MarkdownStructure
{
    public static MarkdownReport Measure(string sample)
    {
        var blocks = Classify(sample);
        int Count(MarkdownBlock kind) => blocks.Count(b => b == kind);
        return new MarkdownReport(blocks.Count - Count(MarkdownBlock.Blank), Count(MarkdownBlock.Heading), Count(MarkdownBlock.ListItem),
            Count(MarkdownBlock.TableRow), Count(MarkdownBlock.Quote), Count(MarkdownBlock.Fence), Count(MarkdownBlock.Code),
            Count(MarkdownBlock.Paragraph), Count(MarkdownBlock.Fence) % 2 == 0); // each fence opens or closes
    }

    /// <summary>One block kind per line of the sample (split at '\n'); non-blank lines between fences are <see cref="MarkdownBlock.Code"/>.</summary>
    public static List<MarkdownBlock> Classify(string sample)
    {
        var blocks = new List<MarkdownBlock>();
        bool inCode = false;
        foreach (string line in sample.Split('\n'))
        {
            var kind = string.IsNullOrWhiteSpace(line) ? MarkdownBlock.Blank : inCode ? InsideCode(line) : Outside(line);
            if (kind == MarkdownBlock.Fence) inCode = !inCode;
            blocks.Add(kind);
        }
        return blocks;
    }

    static MarkdownBlock InsideCode(string line) => ClosingFence().IsMatch(line) ? MarkdownBlock.Fence : MarkdownBlock.Code;

    static MarkdownBlock Outside(string line) => line switch
    {
        _ when OpeningFence().IsMatch(line) => MarkdownBlock.Fence,
        _ when Heading().IsMatch(line) => MarkdownBlock.Heading,
        _ when ListItem().IsMatch(line) => MarkdownBlock.ListItem,
        _ when TableRow().IsMatch(line) => MarkdownBlock.TableRow,
        _ when Quote().IsMatch(line) => MarkdownBlock.Quote,
        _ => MarkdownBlock.Paragraph,
    };

    [GeneratedRegex(@"^\s*`{3,}[^`]*$")] private static partial Regex OpeningFence();
    [GeneratedRegex(@"^\s*`{3,}\s*$")] private static partial Regex ClosingFence();
    [GeneratedRegex(@"^\s*#{1,6} +\S")] private static partial Regex Heading();
    [GeneratedRegex(@"^\s*([-*+]|\d{1,9}[.)]) +\S")] private static partial Regex ListItem();
    [GeneratedRegex(@"^\s*\|([^|]*\|){2,}\s*$")] private static partial Regex TableRow();
    [GeneratedRegex(@"^\s*>[>\s]*\s\S")] private static partial Regex Quote();
}
