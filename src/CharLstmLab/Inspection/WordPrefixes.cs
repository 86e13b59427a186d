using CharLstmLab.Diagnostics;

namespace CharLstmLab.Inspection;

/// <summary>The distinct words of a corpus, sorted, so "does any corpus word begin with this?" is one binary search.</summary>
internal sealed class WordPrefixes
{
    readonly string[] sorted;

    public WordPrefixes(IEnumerable<string> words) =>
        sorted = words.Select(w => w.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Whether some corpus word begins with <paramref name="prefix"/> (ignoring case, as words are compared).</summary>
    public bool Begins(string prefix)
    {
        string p = prefix.ToLowerInvariant();
        int i = Array.BinarySearch(sorted, p, StringComparer.Ordinal);
        if (i >= 0) return true;
        i = ~i; // the first word that sorts after the prefix is the only candidate that can start with it
        return i < sorted.Length && sorted[i].StartsWith(p, StringComparison.Ordinal);
    }

    /// <summary>The offset in <paramref name="word"/> of the first character whose prefix begins no corpus word; -1 when none does.</summary>
    public int FirstDeparture(string word)
    {
        for (int k = 1; k <= word.Length; k++)
            if (!Begins(word[..k])) return k - 1;
        return -1;
    }
}
