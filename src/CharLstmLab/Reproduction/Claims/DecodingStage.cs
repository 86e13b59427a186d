namespace CharLstmLab.Reproduction;

/// <summary>One of the three named stages of a run: its iteration per seed and the advantage over seeds.</summary>
public sealed record DecodingStage(string Name, IReadOnlyList<DecodingPoint> Points, SeedInterval Advantage);
