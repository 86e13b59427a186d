using CharLstmLab.Training;

namespace CharLstmLab.Charts;

/// <summary>One number per logged iteration, with the axis title it deserves.</summary>
public sealed record IterationMetric(string Title, Func<IterationLog, double?> Select)
{
    /// <summary>The article's loss: cross-entropy summed over the T characters of a window.</summary>
    public static IterationMetric WindowLoss { get; } = new("loss (summed over a window of T characters)", l => l.Loss);
    public static IterationMetric MeanCrossEntropy { get; } = new("training loss (nats per character)", l => l.MeanCe);
    public static IterationMetric ValidationCrossEntropy { get; } = new("validation loss (nats per character)", l => l.ValMeanCe);
    public static IterationMetric GradientNorm { get; } = new("gradient norm (mean over windows, before clipping)", l => l.GradNorm);
    public static IterationMetric BitsPerCharacter { get; } = new("bits per character", l => l.Bpc);
}

/// <summary>A named training log, for charts that overlay several runs.</summary>
public sealed record RunCurve(string Name, IReadOnlyList<IterationLog> Log);

/// <summary>One group of bars: a value per category and, optionally, an error bar (e.g. one standard deviation over seeds).</summary>
public sealed record BarSeries(string Name, IReadOnlyList<double> Values, IReadOnlyList<double>? Errors = null);

/// <summary>A horizontal dashed line across a bar chart, e.g. the score of real text next to the scores of samples.</summary>
public sealed record ReferenceLine(string Name, double Value);

/// <summary>A next-character distribution (one probability per vocabulary id) under a name such as "T = 0.5".</summary>
public sealed record DistributionSeries(string Name, IReadOnlyList<float> Probabilities);

/// <summary>How <see cref="Plots.LossCurve"/> draws a log.</summary>
public sealed record LossCurveOptions
{
    public string Title { get; init; } = "Training loss";
    /// <summary>Window loss (the article's units) or nats per character.</summary>
    public IterationMetric Loss { get; init; } = IterationMetric.WindowLoss;
    /// <summary>Adds validation loss, converted to the units of <see cref="Loss"/>.</summary>
    public bool ShowValidation { get; init; } = true;
    /// <summary>Adds the gradient norm on a second y axis (right).</summary>
    public bool ShowGradientNorm { get; init; }
    /// <summary>Iterations to mark as rebounds (loss above the iteration before).</summary>
    public IReadOnlyList<int> Rebounds { get; init; } = [];
    /// <summary>Log scale for the loss axis: useful when the loss falls by orders of magnitude.</summary>
    public bool LogScale { get; init; }
}
