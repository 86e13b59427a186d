namespace CharLstmLab.Charts;

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
