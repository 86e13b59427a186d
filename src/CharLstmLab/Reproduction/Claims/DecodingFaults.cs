using CharLstmLab.Diagnostics;

namespace CharLstmLab.Reproduction;

/// <summary>
/// What went wrong in the texts of one strategy from one model: means over its samples (greedy has one).
/// <see cref="Nonsense"/> is the share of words not in the corpus, <see cref="Invented"/> the part of it
/// that is in no English dictionary either (the rest are real words the small corpus never uses).
/// </summary>
public sealed record DecodingFaults(double Faulty, double Nonsense, double Loop, double Invented = 0)
{
    /// <summary>
    /// The share of a text that is wrong in either of the two ways the article's claim is about: the
    /// repeating tail (greedy's loop), plus, in the rest, the share of invented words. A real English
    /// word the corpus lacks is not an error, so it does not count. A loop of spaces has no words, so
    /// invented words alone would score it perfect; this does not.
    /// </summary>
    public static double FaultyShare(string generated, CorpusIndex index)
    {
        var loop = Repetition.Measure(generated);
        string head = generated[..(generated.Length - loop.LoopLength)];
        return loop.LoopFraction + (1 - loop.LoopFraction) * NonsenseWords.Measure(head, index).InventedRate;
    }

    public static DecodingFaults Measure(IReadOnlyList<string> generated, CorpusIndex index)
    {
        var nonsense = generated.Select(t => NonsenseWords.Measure(t, index)).ToList();
        return new(generated.Average(t => FaultyShare(t, index)), nonsense.Average(n => n.Rate),
            generated.Average(t => Repetition.Measure(t).LoopFraction), nonsense.Average(n => n.InventedRate));
    }
}
