using CharLstmLab.Training;

namespace CharLstmLab.Reproduction;

/// <summary>
/// The runs behind claims (a), (b) and (c): the article's configuration (<see cref="ReproductionSettings.Article"/>,
/// no samples) under several training seeds, read at the article's iterations.
/// </summary>
public sealed record ArticleClaimSettings
{
    public TrainingSettings Run { get; init; } = ReproductionSettings.Article with { SampleEvery = 0 };
    public IReadOnlyList<int> Seeds { get; init; } = [1, 2, 3];
    /// <summary>The article's figures: its first and last loss, the iteration of its last row, and of its rebound (41 -> 51).</summary>
    public double ArticleFirstLoss { get; init; } = 60.49;
    public double ArticleFinalLoss { get; init; } = 0.23;
    public int ArticleFinalIteration { get; init; } = 91;
    public int ArticleReboundIteration { get; init; } = 51;
    public int ArticleLogEvery { get; init; } = 10;
}
