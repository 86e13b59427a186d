namespace CharLstmLab.Diagnostics;

/// <summary>
/// The one definition of a word used by every diagnostic: a maximal run of letters
/// (<see cref="char.IsLetter(char)"/>). Digits, apostrophes, underscores and Markdown marks all
/// separate words, so <c>**quickly**</c> is "quickly" and <c>don't</c> is "don" and "t".
/// Words are compared ignoring case, because headings and sentence starts capitalize ordinary words.
/// </summary>
public static class Words
{
    public static readonly StringComparer Comparer = StringComparer.OrdinalIgnoreCase;

    public static bool IsWordChar(char c) => char.IsLetter(c);

    /// <summary>The words of <paramref name="text"/> in order, repeats included.</summary>
    public static List<string> In(string text)
    {
        var words = new List<string>();
        int start = -1;
        for (int i = 0; i <= text.Length; i++)
        {
            bool letter = i < text.Length && IsWordChar(text[i]);
            if (letter && start < 0) start = i;
            else if (!letter && start >= 0)
            {
                words.Add(text[start..i]);
                start = -1;
            }
        }
        return words;
    }
}
