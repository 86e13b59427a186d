namespace CharLstmLab.Reproduction;

/// <summary>One warm-up against the cold start: cold minus warm, per training seed, with its interval.</summary>
public sealed record WarmUpEffect(string WarmUp, SeedInterval Entropy, SeedInterval EarlyNonsense);
