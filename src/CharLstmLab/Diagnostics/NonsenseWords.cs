namespace CharLstmLab.Diagnostics;

/// <summary>The article's <c>forkfnal</c> and <c>Compla</c>, counted: generated words that never occur in the training text.</summary>
public static class NonsenseWords
{
    /// <summary>
    /// Judges every word of the sample (see <see cref="Words"/>) against the corpus, and each missing word
    /// against <paramref name="dictionary"/> (by default <see cref="WordList.English"/>).
    /// When the sample ends inside a word, that last word is skipped: the sample length cut it off,
    /// so "Compla" at the very end may be the start of "Complete". Rates are 0 when no word is judged.
    /// </summary>
    public static NonsenseReport Measure(string sample, CorpusIndex index, WordList? dictionary = null)
    {
        dictionary ??= WordList.English;
        var words = Words.In(sample);
        if (sample.Length > 0 && Words.IsWordChar(sample[^1])) words.RemoveAt(words.Count - 1);
        var missing = words.Where(w => !index.ContainsWord(w)).ToList();
        var real = missing.Where(dictionary.Contains).ToList();
        var invented = missing.Where(w => !dictionary.Contains(w)).ToList();
        double Share(int count) => words.Count == 0 ? 0 : (double)count / words.Count;
        List<string> Distinct(List<string> list) => list.Distinct(Diagnostics.Words.Comparer).ToList();
        return new NonsenseReport(words.Count, missing.Count, Share(missing.Count), Distinct(missing),
            invented.Count, Share(invented.Count), Distinct(invented), real.Count, Share(real.Count), Distinct(real));
    }
}
