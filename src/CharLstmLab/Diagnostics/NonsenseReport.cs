namespace CharLstmLab.Diagnostics;

/// <summary>
/// How many of a sample's words the corpus never contains. <paramref name="Words"/> counts the
/// words judged, <paramref name="NonsenseCount"/> the judged words (repeats included) missing from
/// the corpus, and <paramref name="NonsenseWords"/> lists those, distinct, in order of first appearance.
/// The missing words split in two: <em>unseen real</em> words are in an English dictionary (the model
/// spelled a real word the corpus never uses, e.g. "shower"), <em>invented</em> ones are not (the
/// article's "forkfnal"). Each rate is a share of all judged words, so Rate = InventedRate + UnseenRealRate.
/// </summary>
public sealed record NonsenseReport(int Words, int NonsenseCount, double Rate, IReadOnlyList<string> NonsenseWords,
    int InventedCount, double InventedRate, IReadOnlyList<string> InventedWords,
    int UnseenRealCount, double UnseenRealRate, IReadOnlyList<string> UnseenRealWords);
