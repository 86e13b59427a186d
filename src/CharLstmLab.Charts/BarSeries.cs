namespace CharLstmLab.Charts;

/// <summary>
/// One group of bars: a value per category and, optionally, error bars: <see cref="Errors"/> above
/// each bar and <see cref="ErrorsBelow"/> below it (the same as above when null).
/// </summary>
public sealed record BarSeries(string Name, IReadOnlyList<double> Values, IReadOnlyList<double>? Errors = null,
    IReadOnlyList<double>? ErrorsBelow = null)
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
