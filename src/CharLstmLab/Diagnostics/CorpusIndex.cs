namespace CharLstmLab.Diagnostics;

/// <summary>
/// The training text prepared for lookups, built once and queried per sample: its set of
/// <see cref="Words"/>, its set of lines, and a suffix array for verbatim substring questions.
/// Each verbatim lookup is a binary search over the suffix array, never a rescan of the corpus.
/// Offsets refer to <see cref="Text"/> (the training text with "\r\n" turned into "\n").
/// </summary>
public sealed class CorpusIndex
{
    readonly int[] suffixes;
    readonly int[] lineStarts;
    readonly HashSet<string> words;
    readonly HashSet<string> lines;

    public CorpusIndex(string trainingText, int ngramLength = 24)
    {
        if (string.IsNullOrEmpty(trainingText)) throw new LabException("The training text is empty, so there is nothing to compare samples with.");
        Require.Positive(ngramLength, "The n-gram length");
        Text = trainingText.Replace("\r\n", "\n");
        NgramLength = ngramLength;
        suffixes = SuffixArray.Build(Text);
        words = new HashSet<string>(Words.In(Text), Words.Comparer);
        var split = Text.Split('\n');
        lines = new HashSet<string>(split.Select(l => l.TrimEnd()), StringComparer.Ordinal);
        lineStarts = new int[split.Length];
        for (int i = 1; i < split.Length; i++) lineStarts[i] = lineStarts[i - 1] + split[i - 1].Length + 1;
    }

    public string Text { get; }

    /// <summary>The n of the character n-grams <see cref="Memorization"/> checks.</summary>
    public int NgramLength { get; }

    public int WordCount => words.Count;

    /// <summary>Whether the word occurs in the corpus, ignoring case (see <see cref="Words"/>).</summary>
    public bool ContainsWord(string word) => words.Contains(word);

    /// <summary>Whether the line is a whole line of the corpus; trailing whitespace is ignored on both sides.</summary>
    public bool ContainsLine(string line) => lines.Contains(line.TrimEnd());

    /// <summary>Whether the characters occur verbatim (case-sensitive) somewhere in the corpus; any length works.</summary>
    public bool ContainsNgram(ReadOnlySpan<char> ngram) => Find(ngram).CommonAt == ngram.Length;

    /// <summary>
    /// For each position i of the sample, the length of the longest prefix of sample[i..] that
    /// occurs verbatim in the corpus (the "matching statistics" of the sample).
    /// </summary>
    public int[] MatchLengths(ReadOnlySpan<char> sample)
    {
        var lengths = new int[sample.Length];
        for (int i = 0; i < sample.Length; i++)
        {
            var (_, before, at) = Find(sample[i..]);
            lengths[i] = Math.Max(before, at); // the best match sits next to where the query would sort
        }
        return lengths;
    }

    /// <summary>The longest substring of the sample found verbatim in the corpus (the first such, if tied); null when no character matches.</summary>
    public CopiedSpan? LongestCopiedSpan(string sample) => LongestCopiedSpan(sample, MatchLengths(sample));

    internal CopiedSpan? LongestCopiedSpan(string sample, int[] lengths)
    {
        if (lengths.Length == 0) return null;
        int best = Array.IndexOf(lengths, lengths.Max());
        if (lengths[best] == 0) return null;
        string text = sample.Substring(best, lengths[best]);
        int offset = FirstOccurrence(text);
        return new CopiedSpan(text, best, offset, LineOf(offset));
    }

    /// <summary>The 1-based line of the corpus that holds the character at <paramref name="offset"/>.</summary>
    public int LineOf(int offset)
    {
        if (offset < 0 || offset >= Text.Length)
            throw new LabException($"The corpus offset {offset} is outside the corpus, which has {Text.Length} characters.");
        int i = Array.BinarySearch(lineStarts, offset);
        return i >= 0 ? i + 1 : ~i;
    }

    int FirstOccurrence(ReadOnlySpan<char> text)
    {
        var (k, _, _) = Find(text);
        int first = suffixes[k];
        for (; k < suffixes.Length && Text.AsSpan(suffixes[k]).StartsWith(text); k++) first = Math.Min(first, suffixes[k]);
        return first;
    }

    /// <summary>
    /// Binary search for the first suffix not sorting before the query. Returns its index and the
    /// common prefix length of the query with it and with the suffix before it.
    /// </summary>
    (int Index, int CommonBefore, int CommonAt) Find(ReadOnlySpan<char> query)
    {
        int lo = -1, hi = suffixes.Length, commonLo = 0, commonHi = 0;
        while (hi - lo > 1)
        {
            int mid = (lo + hi) >>> 1;
            // Every suffix between lo and hi shares at least min(commonLo, commonHi) characters with the query.
            var (order, common) = Compare(query, suffixes[mid], Math.Min(commonLo, commonHi));
            if (order > 0) (lo, commonLo) = (mid, common);
            else (hi, commonHi) = (mid, common);
        }
        return (hi, commonLo, commonHi);
    }

    (int Order, int Common) Compare(ReadOnlySpan<char> query, int suffix, int known)
    {
        var rest = Text.AsSpan(suffix);
        int common = known + query[known..].CommonPrefixLength(rest[known..]);
        if (common == query.Length) return (common == rest.Length ? 0 : -1, common);
        if (common == rest.Length) return (1, common);
        return (query[common].CompareTo(rest[common]), common);
    }
}
