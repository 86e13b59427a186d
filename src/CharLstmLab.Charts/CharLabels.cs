namespace CharLstmLab.Charts;

/// <summary>Names for characters that read well on an axis: whitespace gets a word, everything else is itself.</summary>
public static class CharLabels
{
    /// <summary>Plain text: "space", "\n", "\t", or the character.</summary>
    public static string Of(char c) => c switch
    {
        ' ' => "space",
        '\n' => "\\n",
        '\t' => "\\t",
        '\r' => "\\r",
        _ when char.IsControl(c) || char.IsSurrogate(c) => $"U+{(int)c:X4}",
        _ => c.ToString(),
    };

    /// <summary>
    /// The label as Plotly text. Plotly reads a few HTML tags and entities in labels, so '&amp;', '&lt;'
    /// and '&gt;' become entities; it knows no others (a '&amp;quot;' would show as written).
    /// </summary>
    internal static string ForPlotly(char c) => Of(c) switch
    {
        "&" => "&amp;",
        "<" => "&lt;",
        ">" => "&gt;",
        var label => label,
    };
}
