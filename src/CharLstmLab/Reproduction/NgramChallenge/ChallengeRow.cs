namespace CharLstmLab.Reproduction;

/// <summary>
/// One variant of the n-gram challenge over its seeds, in nats per character on its corpus's validation text:
/// the validation loss at the last iteration and at the best one (training length chosen by validation), the KN 5-gram
/// fitted on the same training text, and the best minus the 5-gram (below zero: the LSTM beats it).
/// </summary>
public sealed record ChallengeRow(string Variant, ChallengeCorpus Corpus, int ValidationCharacters, int Steps, double FiveGram,
    SeedInterval Last, SeedInterval Best, IReadOnlyList<int> BestIterations, SeedInterval BestMinusFiveGram, SeedInterval LastMinusFiveGram)
{
    /// <summary>"beats the 5-gram", "does not beat the 5-gram" or "unclear", from the interval of best minus 5-gram.</summary>
    public string Verdict => BestMinusFiveGram.HasInterval
        ? BestMinusFiveGram.High < 0 ? "beats the 5-gram" : BestMinusFiveGram.Low > 0 ? "does not beat the 5-gram"
            : "unclear (the interval includes 0)"
        : BestMinusFiveGram.Mean < 0 ? "beats the 5-gram (one seed)" : "does not beat the 5-gram (one seed)";
}
