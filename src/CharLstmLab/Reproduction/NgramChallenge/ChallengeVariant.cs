using CharLstmLab.Training;

namespace CharLstmLab.Reproduction;

/// <summary>One arm of the n-gram challenge: a name, the corpus it trains on and the settings it trains with (the seed is set per run).</summary>
public sealed record ChallengeVariant(string Name, ChallengeCorpus Corpus, TrainingSettings Settings);
