namespace CharLstmLab.Diagnostics;

/// <summary>The article's "some sampled lines strongly resemble the training corpus", measured.</summary>
public static class Memorization
{
    /// <summary>
    /// Lines shorter than this (after trimming) are not judged: "```", "- ", "## Usage" or "|---|"
    /// occur in any Markdown corpus, so matching them says nothing about memorization.
    /// </summary>
    public const int MinLineLength = 10;

    /// <summary>
    /// Judges complete lines only: a last line without its '\n' was cut off by the sample length.
    /// A line counts as copied when it equals a whole corpus line (trailing whitespace ignored).
    /// </summary>
    public static MemorizationReport Measure(string sample, CorpusIndex index)
    {
        var lines = sample.Split('\n')[..^1].Where(l => l.Trim().Length >= MinLineLength).ToList();
        int copiedLines = lines.Count(index.ContainsLine);

        int n = index.NgramLength;
        int[] matches = index.MatchLengths(sample);
        int[] wordChars = new int[sample.Length + 1]; // letters and digits before each position
        for (int i = 0; i < sample.Length; i++) wordChars[i + 1] = wordChars[i] + (char.IsLetterOrDigit(sample[i]) ? 1 : 0);
        bool Judged(int start, int length) => wordChars[start + length] > wordChars[start];

        int ngrams = 0, copiedNgrams = 0;
        for (int i = 0; i + n <= sample.Length; i++)
        {
            if (!Judged(i, n)) continue;
            ngrams++;
            if (matches[i] >= n) copiedNgrams++;
        }
        for (int i = 0; i < matches.Length; i++) if (!Judged(i, matches[i])) matches[i] = 0;

        return new MemorizationReport(lines.Count, copiedLines, Rate(copiedLines, lines.Count),
            ngrams, copiedNgrams, Rate(copiedNgrams, ngrams), index.LongestCopiedSpan(sample, matches));
    }

    static double Rate(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}
