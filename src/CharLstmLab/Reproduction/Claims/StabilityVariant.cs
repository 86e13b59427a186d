using CharLstmLab.Training;

namespace CharLstmLab.Reproduction;

/// <summary>One arm of claim (f)'s comparison: a kind (one of the constants), a display name and its settings.</summary>
public sealed record StabilityVariant(string Kind, string Name, TrainingSettings Settings)
{
    public const string Baseline = "baseline", ElementClip = "element clip", NormClip = "norm clip", LowerRate = "lower alpha";
}
