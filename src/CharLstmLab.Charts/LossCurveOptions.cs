namespace CharLstmLab.Charts;

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
    /// <summary>
    /// Baselines in nats per character (e.g. <c>BaselineComparison.ForCharts(trainer)</c>), drawn as labelled dotted horizontal
    /// lines converted to the units of <see cref="Loss"/> exactly as the validation loss is (on a window-loss axis, times T).
    /// </summary>
    public IReadOnlyList<Baselines.BaselineScore> Baselines { get; init; } = [];
}
