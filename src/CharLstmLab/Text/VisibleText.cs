using System.Text.RegularExpressions;

namespace CharLstmLab.Text;

/// <summary>A sample on one line, for tables and captions: newlines marked, long runs of spaces counted, so a blank loop is visible.</summary>
public static partial class VisibleText
{
    public static string Flatten(string text, int max = 80, string newline = "↵", string ellipsis = "…")
    {
        string flat = Spaces().Replace(text.Replace("\n", newline), m => $"[{m.Length} spaces]");
        return flat.Length <= max ? flat : flat[..max] + ellipsis;
    }

    [GeneratedRegex(" {4,}")]
    private static partial Regex Spaces();
}
