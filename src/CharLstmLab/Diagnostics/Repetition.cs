namespace CharLstmLab.Diagnostics;

/// <summary>Greedy decoding's failure mode, measured: a sample that ends up cycling through the same text.</summary>
public static class Repetition
{
    /// <summary>A tail counts as a loop only if its unit repeats at least this many times; "ll" or "--" are not loops.</summary>
    public const int MinRepeats = 3;

    /// <summary>
    /// For each period p in 1..maxPeriod, the periodic tail is the longest suffix in which every
    /// character equals the one p before it (plus those first p). Among periods whose tail holds at
    /// least <see cref="MinRepeats"/> repeats, the one with the longest tail wins, the shortest p on
    /// ties (so "abab..." has period 2, not 4). Samples shorter than the n-gram have ratio 1.
    /// </summary>
    public static RepetitionReport Measure(string sample, int maxPeriod = 200, int ngramLength = 10)
    {
        Require.Positive(maxPeriod, "The longest loop period");
        Require.Positive(ngramLength, "The n-gram length");
        int bestPeriod = 0, bestLength = 0;
        for (int p = 1; p <= Math.Min(maxPeriod, sample.Length / MinRepeats); p++)
        {
            int length = PeriodicTail(sample, p);
            if (length >= MinRepeats * p && length > bestLength) (bestPeriod, bestLength) = (p, length);
        }
        string loop = sample.Substring(sample.Length - bestLength, bestPeriod);
        double fraction = sample.Length == 0 ? 0 : (double)bestLength / sample.Length;
        return new RepetitionReport(loop, bestLength, fraction, DistinctNgramRatio(sample, ngramLength));
    }

    /// <summary>Length of the longest suffix of the text that has period p.</summary>
    static int PeriodicTail(string text, int p)
    {
        int i = text.Length - 1;
        while (i >= p && text[i] == text[i - p]) i--;
        return text.Length - 1 - i + p;
    }

    static double DistinctNgramRatio(string text, int n)
    {
        int total = text.Length - n + 1;
        if (total <= 0) return 1;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < total; i++) seen.Add(text.Substring(i, n));
        return (double)seen.Count / total;
    }
}
