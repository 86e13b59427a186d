namespace CharLstmLab.Diagnostics;

/// <summary>
/// How many of a sample's words the corpus never contains. <paramref name="Words"/> counts the
/// words judged, <paramref name="NonsenseCount"/> the judged words (repeats included) missing from
/// the corpus, and <paramref name="NonsenseWords"/> lists those, distinct, in order of first appearance.
/// </summary>
public sealed record NonsenseReport(int Words, int NonsenseCount, double Rate, IReadOnlyList<string> NonsenseWords);

/// <summary>The article's <c>forkfnal</c> and <c>Compla</c>, counted: generated words that never occur in the training text.</summary>
public static class NonsenseWords
{
    /// <summary>
    /// Judges every word of the sample (see <see cref="Words"/>) against the corpus.
    /// When the sample ends inside a word, that last word is skipped: the sample length cut it off,
    /// so "Compla" at the very end may be the start of "Complete". Rate is 0 when no word is judged.
    /// </summary>
    public static NonsenseReport Measure(string sample, CorpusIndex index)
    {
        var words = Words.In(sample);
        if (sample.Length > 0 && Words.IsWordChar(sample[^1])) words.RemoveAt(words.Count - 1);
        var missing = words.Where(w => !index.ContainsWord(w)).ToList();
        var distinct = missing.Distinct(Words.Comparer).ToList();
        return new NonsenseReport(words.Count, missing.Count, words.Count == 0 ? 0 : (double)missing.Count / words.Count, distinct);
    }
}
