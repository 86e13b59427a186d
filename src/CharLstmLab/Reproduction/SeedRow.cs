namespace CharLstmLab.Reproduction;

/// <summary>One row of the article's loss table: iteration, window loss, and its words for the output quality.</summary>
public sealed record SeedRow(int Iteration, double Loss, string Quality);
