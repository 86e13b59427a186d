using CharLstmLab.Training;

namespace CharLstmLab.Reproduction;

/// <summary>
/// The runs behind claim (f): the article's configuration under several seeds, as it is and with
/// each fix alone: every gradient element clipped at <see cref="ClipValue"/> (the article's np.clip),
/// the global gradient norm clipped at <see cref="ClipNorm"/>, and alpha lowered to <see cref="LowerRate"/>.
/// </summary>
public sealed record StabilitySettings
{
    public TrainingSettings Run { get; init; } = ReproductionSettings.Article with { SampleEvery = 0 };
    public IReadOnlyList<int> Seeds { get; init; } = [1, 2, 3];
    public double ClipValue { get; init; } = 5;
    public double ClipNorm { get; init; } = 5;
    public double LowerRate { get; init; } = 0.005;
    /// <summary>A fix whose final loss is more than this many times the unfixed run's has bought its calm with progress.</summary>
    public double MaxLossCost { get; init; } = 1.25;

    /// <summary>The unfixed run first, then each fix alone, by name.</summary>
    public IReadOnlyList<StabilityVariant> Variants() =>
    [
        new(StabilityVariant.Baseline, $"alpha {Run.LearningRate} (the article's run)", Run),
        new(StabilityVariant.ElementClip, $"clip each element at {ClipValue}", Run with { ClipValue = ClipValue, ClipNorm = null }),
        new(StabilityVariant.NormClip, $"clip the global norm at {ClipNorm}", Run with { ClipValue = null, ClipNorm = ClipNorm }),
        new(StabilityVariant.LowerRate, $"alpha {LowerRate}", Run with { LearningRate = LowerRate }),
    ];
}
