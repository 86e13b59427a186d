namespace CharLstmLab.Charts;

/// <summary>A next-character distribution (one probability per vocabulary id) under a name such as "T = 0.5".</summary>
public sealed record DistributionSeries(string Name, IReadOnlyList<float> Probabilities);
