using CharLstmLab.Training;

namespace CharLstmLab.Charts;

/// <summary>One number per logged iteration, with the axis title it deserves.</summary>
public sealed record IterationMetric(string Title, Func<IterationLog, double?> Select)
{
    /// <summary>The article's loss: cross-entropy summed over the T characters of a window.</summary>
    // Titles name the quantity and its unit, not "training": a loss chart draws validation in the same units on the same axis.
    public static IterationMetric WindowLoss { get; } = new("window loss (nats, summed over T characters)", l => l.Loss);
    public static IterationMetric MeanCrossEntropy { get; } = new("loss per character (nats)", l => l.MeanCe);
    public static IterationMetric ValidationCrossEntropy { get; } = new("validation loss per character (nats)", l => l.ValMeanCe);
    public static IterationMetric GradientNorm { get; } = new("gradient L2 norm (iteration mean, before clipping)", l => l.GradNorm);
    public static IterationMetric BitsPerCharacter { get; } = new("loss per character (bits)", l => l.Bpc);
}
