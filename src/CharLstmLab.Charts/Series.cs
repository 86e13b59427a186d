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

/// <summary>A named training log, for charts that overlay several runs.</summary>
public sealed record RunCurve(string Name, IReadOnlyList<IterationLog> Log);

/// <summary>
/// One group of bars: a value per category and, optionally, error bars: <see cref="Errors"/> above
/// each bar and <see cref="ErrorsBelow"/> below it (the same as above when null).
/// </summary>
public sealed record BarSeries(string Name, IReadOnlyList<double> Values, IReadOnlyList<double>? Errors = null, IReadOnlyList<double>? ErrorsBelow = null)
{
    /// <summary>
    /// Bars for repeated measurements: for each category the mean of its values, with one sample
    /// standard deviation (n - 1 in the denominator; 0 for a single value) as the error bar.
    /// </summary>
    public static BarSeries FromSamples(string name, IEnumerable<IEnumerable<double>> valuesPerCategory)
    {
        var groups = valuesPerCategory.Select(v => v.ToArray()).ToArray();
        foreach (var g in groups)
            if (g.Length == 0) throw new LabException($"The series '{name}' has a category without values.");
        return new BarSeries(name, groups.Select(g => g.Average()).ToArray(), groups.Select(StandardDeviation).ToArray());
    }

    /// <summary>
    /// Bars for shares (rates between 0 and 1) measured several times: mean ± one sample standard
    /// deviation, with each error bar cut at 0 and 1, where a share cannot go.
    /// </summary>
    public static BarSeries Shares(string name, IEnumerable<IEnumerable<double>> valuesPerCategory) =>
        FromSamples(name, valuesPerCategory).ClippedTo(0, 1);

    /// <summary>The same bars with every error bar cut where it would cross <paramref name="low"/> or <paramref name="high"/>.</summary>
    public BarSeries ClippedTo(double low, double high = double.PositiveInfinity)
    {
        if (!(low < high)) throw new LabException($"The lower bound of the error bars ({low}) must be below the upper one ({high}).");
        if (Errors is null) return this;
        var below = ErrorsBelow ?? Errors;
        return this with
        {
            Errors = Values.Select((v, i) => Math.Max(0, Math.Min(Errors[i], high - v))).ToArray(),
            ErrorsBelow = Values.Select((v, i) => Math.Max(0, Math.Min(below[i], v - low))).ToArray(),
        };
    }

    /// <summary>The sample standard deviation (n - 1 in the denominator); 0 for fewer than two values.</summary>
    public static double StandardDeviation(IReadOnlyList<double> values)
    {
        if (values.Count < 2) return 0;
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}

/// <summary>How <see cref="Plots.Lines"/> draws a series.</summary>
public enum SeriesStyle
{
    /// <summary>A solid line with a marker on every point.</summary>
    LinesAndMarkers,
    /// <summary>A solid line alone: for long series such as one point per iteration.</summary>
    Line,
    /// <summary>A dashed line alone: for references and second opinions (validation, the article's figures).</summary>
    Dashed,
    /// <summary>A dotted line alone: for baselines, horizontal references from another model.</summary>
    Dotted,
    /// <summary>Markers alone.</summary>
    Markers,
    /// <summary>Large red crosses: points to look at, such as rebounds.</summary>
    Highlight,
}

/// <summary>A named series of (x, y) points for <see cref="Plots.Lines"/>.</summary>
public sealed record XYSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, SeriesStyle Style = SeriesStyle.LinesAndMarkers)
{
    /// <summary>y[i] at x = i + 1, e.g. one value per iteration or per generated character.</summary>
    public static XYSeries Numbered(string name, IReadOnlyList<double> y, SeriesStyle style = SeriesStyle.LinesAndMarkers) =>
        new(name, Enumerable.Range(1, y.Count).Select(i => (double)i).ToArray(), y, style);

    /// <summary>
    /// Each baseline (nats per character) as a dotted horizontal line over <paramref name="x"/>, for a chart whose y axis is in nats
    /// per character; <paramref name="perCharacter"/> converts for other per-character units (e.g. 1 / ln 2 for bits).
    /// </summary>
    public static IEnumerable<XYSeries> Baselines(IEnumerable<Baselines.BaselineScore> baselines, IReadOnlyList<double> x, double perCharacter = 1)
    {
        if (x.Count == 0) yield break;
        double[] ends = [x.Min(), x.Max()];
        foreach (var b in baselines)
        {
            double y = b.MeanCrossEntropy * perCharacter;
            yield return new($"{b.Name}: {y:F2}", ends, [y, y], SeriesStyle.Dotted);
        }
    }

    /// <summary>Each rebound as a highlighted point at its iteration and the loss it rose to.</summary>
    public static XYSeries Rebounds(IEnumerable<Diagnostics.Rebound> rebounds, string name = "rebound")
    {
        var list = rebounds.ToList();
        return new(name, list.Select(r => (double)r.Iteration).ToArray(), list.Select(r => r.To).ToArray(), SeriesStyle.Highlight);
    }
}

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
    /// <summary>
    /// Baselines in nats per character (e.g. <c>BaselineComparison.ForCharts(trainer)</c>), drawn as labelled dotted horizontal
    /// lines converted to the units of <see cref="Loss"/> exactly as the validation loss is (on a window-loss axis, times T).
    /// </summary>
    public IReadOnlyList<Baselines.BaselineScore> Baselines { get; init; } = [];
}
