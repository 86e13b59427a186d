using CharLstmLab.Text;
using CharLstmLab.Training;
using Plotly.NET;
using CChart = Plotly.NET.CSharp.Chart;
using static Plotly.NET.StyleParam;

namespace CharLstmLab.Charts;

/// <summary>
/// The charts more than one notebook draws. Each returns a Plotly.NET <see cref="GenericChart"/>
/// with a title, axis titles and a legend; display it in a notebook cell or save it as HTML.
/// </summary>
public static class Plots
{
    const string Red = Style.Red, Blue = "#1f77b4", Grey = Style.Grey;

    /// <summary>
    /// The loss per iteration; optionally validation loss in the same units, the gradient norm on
    /// a second axis, and markers on iterations flagged as rebounds.
    /// </summary>
    public static GenericChart LossCurve(IReadOnlyList<IterationLog> log, LossCurveOptions? options = null)
    {
        options ??= new LossCurveOptions();
        var loss = options.Loss;
        var iterations = log.Select(l => l.Iteration).ToArray();
        var training = log.Select(l => loss.Select(l) ?? double.NaN).ToArray();
        bool validation = options.ShowValidation && log.Any(l => l.ValMeanCe is not null);
        var colors = Style.Colors(validation ? ["training loss", "validation loss"] : ["training loss"]);
        var traces = new List<GenericChart> { Line(iterations, training, "training loss", color: colors[0]) };
        var validated = log.Select(l => l.ValMeanCe is { } v ? v * (loss.Select(l) ?? double.NaN) / l.MeanCe : double.NaN).ToArray();
        if (validation) traces.Add(Line(iterations, validated, "validation loss", dash: true, color: colors[1]));
        var rebounds = log.Where(l => options.Rebounds.Contains(l.Iteration)).ToArray();
        if (rebounds.Length > 0)
            traces.Add(Markers(rebounds.Select(l => l.Iteration), rebounds.Select(l => loss.Select(l) ?? double.NaN), "rebound", Red, size: 10));
        // A baseline is in nats per character; each iteration's own ratio converts it, as it converts validation above.
        var baselineYs = options.Baselines
            .Select(b => log.Select(l => b.MeanCrossEntropy * (loss.Select(l) ?? double.NaN) / l.MeanCe).ToArray()).ToList();
        var baselineColors = Style.Colors(options.Baselines.Select(b => b.Name).ToList());
        for (int k = 0; k < baselineYs.Count; k++)
        {
            var b = options.Baselines[k];
            traces.Add(CChart.Line<int, double, string>(x: iterations, y: baselineYs[k],
                Name: $"{b.Name} (baseline, {b.MeanCrossEntropy:F2} nats/char)",
                ShowLegend: true, LineDash: DrawingStyle.Dot, LineColor: Color.fromHex(baselineColors[k])));
        }
        if (options.ShowGradientNorm)
            traces.Add(Style.OnSecondY(Line(iterations, log.Select(l => l.GradNorm), "gradient norm (right axis)", dash: true, color: Grey)));

        var chart = Style.Titled(CChart.Combine(traces), options.Title, "iteration", loss.Title,
            options.LogScale ? training.Concat(validation ? validated : []).Concat(baselineYs.SelectMany(y => y)) : null);
        return options.ShowGradientNorm ? Style.WithSecondY(chart, IterationMetric.GradientNorm.Title) : chart;
    }

    /// <summary>One metric of several runs on shared axes, e.g. the same settings under different seeds or step sizes.</summary>
    public static GenericChart Overlay(IEnumerable<RunCurve> runs, IterationMetric? metric = null, string title = "Runs compared",
        bool logScale = false)
    {
        metric ??= IterationMetric.WindowLoss;
        var list = runs.ToList();
        if (list.Count == 0) throw new LabException("Overlay needs at least one run.");
        var colors = Style.Colors(list.Select(r => r.Name).ToList());
        var ys = list.Select(r => r.Log.Select(l => metric.Select(l) ?? double.NaN).ToArray()).ToList();
        var traces = list.Select((r, i) => Line(r.Log.Select(l => l.Iteration), ys[i], r.Name, color: colors[i])).ToList();
        return Style.Titled(CChart.Combine(traces), title, "iteration", metric.Title, logScale ? ys.SelectMany(y => y) : null);
    }

    /// <summary>
    /// Any number of (x, y) series on shared axes: curves measured on different grids (the article's
    /// ten logged points beside a per-iteration log), a quantity per generated character, or
    /// highlighted points such as rebounds (<see cref="XYSeries.Rebounds"/>).
    /// </summary>
    public static GenericChart Lines(IEnumerable<XYSeries> series, string title, string xTitle, string yTitle, bool logY = false)
    {
        var list = series.ToList();
        if (list.Count == 0) throw new LabException("A line chart needs at least one series.");
        foreach (var s in list)
            if (s.X.Count != s.Y.Count) throw new LabException($"The series '{s.Name}' has {s.X.Count} x values but {s.Y.Count} y values.");
        var named = list.Where(s => s.Style != SeriesStyle.Highlight).Select(s => s.Name).ToList();
        var colors = named.Zip(Style.Colors(named)).ToDictionary(p => p.First, p => p.Second);
        var traces = list.Select(s => s.Style switch
        {
            SeriesStyle.Highlight => Markers(s.X, s.Y, s.Name, Red, size: 12),
            SeriesStyle.Markers => CChart.Point<double, double, string>(x: s.X, y: s.Y, Name: s.Name, ShowLegend: true,
                MarkerColor: Color.fromHex(colors[s.Name])),
            _ => CChart.Line<double, double, string>(x: s.X, y: s.Y, Name: s.Name, ShowLegend: true,
                ShowMarkers: s.Style == SeriesStyle.LinesAndMarkers,
                LineDash: s.Style switch { SeriesStyle.Dashed => DrawingStyle.Dash, SeriesStyle.Dotted => DrawingStyle.Dot, _ => DrawingStyle.Solid },
                LineColor: Color.fromHex(colors[s.Name]), MarkerColor: Color.fromHex(colors[s.Name])),
        }).ToList();
        return Style.Titled(CChart.Combine(traces), title, xTitle, yTitle, logY ? list.SelectMany(s => s.Y) : null);
    }

    /// <summary>
    /// The model's next-character distribution as bars, the <paramref name="top"/> most likely
    /// characters first. <paramref name="chosen"/> (e.g. the argmax) is drawn in another colour.
    /// <paramref name="logProbability"/> puts probability on a log axis, where the tail that
    /// top-k and top-p cut off is visible (a probability of 0 then has no bar).
    /// </summary>
    public static GenericChart NextCharacter(Vocabulary vocabulary, IReadOnlyList<float> probabilities, int top = 20,
        string title = "Next-character distribution", char? chosen = null, bool logProbability = false)
    {
        CheckLength(vocabulary, probabilities);
        var ids = TopIds(probabilities, top);
        var labels = ids.Select(i => CharLabels.ForPlotly(vocabulary[i])).ToArray();
        var colors = Color.fromColors(ids.Select(i => Color.fromHex(vocabulary[i] == chosen ? Red : Blue)));
        var bars = CChart.Column<double, string, string>(values: ids.Select(i => (double)probabilities[i]), Keys: labels,
            Name: chosen is { } c ? $"probability (red: {CharLabels.Of(c)})" : "probability", ShowLegend: true, MarkerColor: colors);
        return Style.Titled(bars, title, "next character", ProbabilityTitle(logProbability),
            logProbability ? ids.Select(i => (double)probabilities[i]) : null, categoryX: true);
    }

    /// <summary>
    /// Several distributions over the same vocabulary as grouped bars, on the characters that are
    /// most likely under the first one (e.g. one series per temperature); <paramref name="logProbability"/>
    /// as in <see cref="NextCharacter"/>.
    /// </summary>
    public static GenericChart NextCharacterComparison(Vocabulary vocabulary, IReadOnlyList<DistributionSeries> series, int top = 12,
        string title = "Next-character distributions compared", bool logProbability = false)
    {
        if (series.Count == 0) throw new LabException("A comparison needs at least one distribution.");
        foreach (var s in series) CheckLength(vocabulary, s.Probabilities);
        var ids = TopIds(series[0].Probabilities, top);
        var categories = ids.Select(i => CharLabels.ForPlotly(vocabulary[i])).ToArray();
        var bars = series.Select(s => new BarSeries(s.Name, ids.Select(i => (double)s.Probabilities[i]).ToArray())).ToList();
        return GroupedBars(categories, bars, title, "next character", ProbabilityTitle(logProbability), logY: logProbability);
    }

    /// <summary>
    /// Grouped bars: one group per category, one bar per series, optional error bars and reference
    /// lines. A category where every bar is 0 gets a note saying so rather than an empty gap, and a
    /// series that is 0 everywhere says so in its legend entry.
    /// </summary>
    public static GenericChart GroupedBars(IReadOnlyList<string> categories, IEnumerable<BarSeries> series, string title, string xTitle,
        string yTitle, IEnumerable<ReferenceLine>? references = null, bool logY = false)
    {
        var list = series.ToList();
        if (list.Count == 0) throw new LabException("Grouped bars need at least one series.");
        foreach (var s in list)
        {
            if (s.Values.Count != categories.Count)
                throw new LabException($"The series '{s.Name}' has {s.Values.Count} values for {categories.Count} categories.");
            if (s.Errors is { } e && (e.Count != categories.Count || (s.ErrorsBelow is { } b && b.Count != categories.Count)))
                throw new LabException($"The series '{s.Name}' needs one error bar per category ({categories.Count}).");
        }
        var colors = Style.Colors(list.Select(s => s.Name).ToList());
        var traces = new List<GenericChart>();
        for (int k = 0; k < list.Count; k++)
        {
            var s = list[k];
            string name = s.Values.All(v => v == 0) && categories.Count > 1 ? $"{s.Name} (0 in every group)" : s.Name;
            var bars = CChart.Column<double, string, string>(values: s.Values, Keys: categories.ToArray(), Name: name, ShowLegend: true,
                MarkerColor: Color.fromHex(colors[k]));
            traces.Add(s.Errors is { } e ? Style.WithErrorBars(bars, e, s.ErrorsBelow ?? e) : bars);
        }
        string[] palette = [Grey, Red, "#2ca02c", "#9467bd"];
        int n = 0;
        foreach (var line in references ?? [])
        {
            string color = palette[n++ % palette.Length];
            traces.Add(CChart.Line<string, double, string>(x: categories.ToArray(), y: categories.Select(_ => line.Value).ToArray(),
                Name: line.Name, ShowLegend: true, LineDash: DrawingStyle.Dash, LineColor: Color.fromHex(color)));
        }
        var chart = Style.Titled(CChart.Combine(traces), title, xTitle, yTitle, logY ? list.SelectMany(s => s.Values) : null, categoryX: true);
        // On a log axis a 0 has no place to stand, so the note goes at the bottom of the drawn values instead.
        double noteY = logY ? list.SelectMany(s => s.Values).Where(v => v > 0).DefaultIfEmpty(1).Min() : 0;
        var empty = categories.Where((_, i) => list.All(s => s.Values[i] == 0)).Select(c => (c, noteY, list.Count == 1 ? "0" : "all 0"));
        return Style.WithNotes(chart, empty);
    }

    static string ProbabilityTitle(bool log) => log ? "probability (log scale)" : "probability";

    static GenericChart Line(IEnumerable<int> x, IEnumerable<double> y, string name, bool dash = false, string? color = null)
    {
        var style = dash ? DrawingStyle.Dash : DrawingStyle.Solid;
        return color is null
            ? CChart.Line<int, double, string>(x: x, y: y, Name: name, ShowLegend: true, ShowMarkers: true, LineDash: style)
            : CChart.Line<int, double, string>(x: x, y: y, Name: name, ShowLegend: true, ShowMarkers: true, LineDash: style,
                LineColor: Color.fromHex(color), MarkerColor: Color.fromHex(color));
    }

    static GenericChart Markers<TX>(IEnumerable<TX> x, IEnumerable<double> y, string name, string color, int? size = null) where TX : IConvertible =>
        size is { } s
            ? CChart.Point<TX, double, string>(x: x, y: y, Name: name, ShowLegend: true, Marker: Style.Marker(color, MarkerSymbol.X, s))
            : CChart.Point<TX, double, string>(x: x, y: y, Name: name, ShowLegend: true, MarkerColor: Color.fromHex(color),
                MarkerSymbol: MarkerSymbol.X);

    static int[] TopIds(IReadOnlyList<float> probabilities, int top)
    {
        if (top < 1) throw new LabException($"Show at least one character, not {top}.");
        return Enumerable.Range(0, probabilities.Count).OrderByDescending(i => probabilities[i]).ThenBy(i => i).Take(top).ToArray();
    }

    static void CheckLength(Vocabulary vocabulary, IReadOnlyList<float> probabilities)
    {
        if (probabilities.Count != vocabulary.Size)
            throw new LabException($"The distribution has {probabilities.Count} probabilities but the vocabulary has {vocabulary.Size} characters.");
    }
}
