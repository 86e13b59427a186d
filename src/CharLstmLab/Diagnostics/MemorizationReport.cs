namespace CharLstmLab.Diagnostics;

/// <summary>
/// How much of a sample is the training text played back: whole lines (<paramref name="CopiedLines"/>
/// of the <paramref name="Lines"/> judged), character n-grams (<paramref name="CopiedNgrams"/> of
/// <paramref name="Ngrams"/>, n = <see cref="CorpusIndex.NgramLength"/>), and the longest copied span.
/// Rates are 0 when nothing was judged. N-grams and spans without a letter or digit are not judged:
/// a run of spaces or table padding occurs in any Markdown corpus, so finding it says nothing.
/// </summary>
public sealed record MemorizationReport(int Lines, int CopiedLines, double LineRate, int Ngrams, int CopiedNgrams, double NgramRate,
    CopiedSpan? Longest);
