using System.Globalization;
using System.Net;
using System.Text;
using CharLstmLab.Diagnostics;
using CharLstmLab.Text;

namespace CharLstmLab.Charts;

/// <summary>
/// HTML for the notebook outputs that are not charts: tables, and sample text with the stretches
/// copied from the corpus marked. Each returns an HTML string; show it in a cell with
/// <c>display(HTML(...))</c>. Everything passed in is encoded, so a sample full of Markdown and
/// angle brackets shows as written.
/// </summary>
public static class Views
{
    const string Copy = "#ffe08a", Longest = "#ffb74d", PromptColor = "#888";

    /// <summary>A table with a header row; cells that read as numbers (or percentages) are right-aligned.</summary>
    public static string Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, string? caption = null)
    {
        var html = new StringBuilder("<table style=\"border-collapse: collapse; font-size: 0.85em\">");
        if (caption is not null) html.Append("<caption style=\"text-align: left; padding: 0.3em 0\">").Append(Encode(caption)).Append("</caption>");
        html.Append("<thead><tr>");
        foreach (var h in headers)
            html.Append("<th style=\"border-bottom: 2px solid #999; padding: 0.2em 0.5em; text-align: left\">").Append(Encode(h)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        int n = 0;
        foreach (var row in rows)
        {
            n++;
            if (row.Count != headers.Count) throw new LabException($"Row {n} of the table has {row.Count} cells for {headers.Count} columns.");
            html.Append("<tr>");
            foreach (var cell in row)
                html.Append("<td style=\"border-bottom: 1px solid #ddd; padding: 0.2em 0.5em; vertical-align: top; text-align: ")
                    .Append(IsNumber(cell) ? "right" : "left").Append("\">").Append(Encode(cell)).Append("</td>");
            html.Append("</tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>
    /// The sample as preformatted text with every stretch of at least <paramref name="minLength"/>
    /// characters (default: the index's n-gram length) that occurs verbatim in the training text
    /// marked in yellow, and the longest such stretch in orange. A <paramref name="prompt"/> is
    /// shown before it in grey and is not judged: it was typed, not generated.
    /// </summary>
    public static string Copied(string sample, CorpusIndex index, int? minLength = null, string? prompt = null)
    {
        int n = minLength ?? index.NgramLength;
        if (n < 1) throw new LabException($"A copied stretch must be at least 1 character long, not {n}.");
        var copied = CopiedMask(sample, index, n);
        var longest = index.LongestCopiedSpan(sample);
        bool IsLongest(int i) => longest is { } l && l.Text.Length >= n && i >= l.SampleOffset && i < l.SampleOffset + l.Text.Length;

        var html = new StringBuilder("<pre style=\"white-space: pre-wrap; border-left: 3px solid #ccd; padding: 0.4em 0.6em\">");
        if (!string.IsNullOrEmpty(prompt))
            html.Append("<span style=\"color: ").Append(PromptColor).Append("\">").Append(Encode(prompt)).Append("</span>");
        int start = 0;
        while (start < sample.Length)
        {
            int kind = copied[start] ? (IsLongest(start) ? 2 : 1) : 0;
            int end = start + 1;
            while (end < sample.Length && (copied[end] ? (IsLongest(end) ? 2 : 1) : 0) == kind) end++;
            string text = Encode(sample[start..end]);
            html.Append(kind == 0 ? text : $"<mark style=\"background: {(kind == 2 ? Longest : Copy)}\">{text}</mark>");
            start = end;
        }
        return html.Append("</pre>").ToString();
    }

    /// <summary>For each character of the sample, whether it lies in a stretch of at least <paramref name="minLength"/> characters found verbatim in
    /// the training text.</summary>
    public static bool[] CopiedMask(string sample, CorpusIndex index, int minLength)
    {
        var lengths = index.MatchLengths(sample);
        var mask = new bool[sample.Length];
        int reach = 0; // the end of the furthest-reaching copied stretch that starts at or before i
        for (int i = 0; i < lengths.Length; i++)
        {
            if (lengths[i] >= minLength) reach = Math.Max(reach, i + lengths[i]);
            mask[i] = i < reach;
        }
        return mask;
    }

    /// <summary>
    /// One line of text for a table cell: newlines as "↵", runs of four or more spaces counted
    /// ("[300 spaces]") so a blank loop is visible, cut to <paramref name="max"/> characters.
    /// </summary>
    public static string Visible(string text, int max = 80) => VisibleText.Flatten(text, max);

    static bool IsNumber(string cell) =>
        double.TryParse(cell.TrimEnd('%').Replace("±", "").Split(' ')[0], NumberStyles.Float | NumberStyles.AllowThousands,
            CultureInfo.InvariantCulture, out _);

    static string Encode(string text) => WebUtility.HtmlEncode(text);
}
