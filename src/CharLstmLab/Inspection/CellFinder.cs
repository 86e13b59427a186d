namespace CharLstmLab.Inspection;

/// <summary>
/// Finds, for a state or a counter, the cell of a recording whose c predicts it best, and scores the
/// same search on meaningless labels for comparison. Every cell of every layer is a candidate.
/// <para>
/// The AUC of a cell is the Mann-Whitney statistic: the chance that a random character inside the
/// state has a higher c than a random one outside (ties count half). Each cell's ranks are computed
/// once, so scoring a set of labels costs one pass over its positive characters per cell.
/// </para>
/// </summary>
public sealed class CellFinder
{
    readonly CellRecording recording;
    readonly int baselineRuns, seed;
    double[][]? ranks;
    double[][]? standardized;

    public CellFinder(CellRecording recording, int baselineRuns = 19, int seed = 0)
    {
        if (baselineRuns < 1) throw new LabException($"The baseline needs at least one run, not {baselineRuns}.");
        if (recording.Length < 3) throw new LabException("Finding cells needs a text of at least three characters.");
        this.recording = recording;
        this.baselineRuns = baselineRuns;
        this.seed = seed;
    }

    int Cells => recording.CellCount;
    CellId Id(int cell) => new(cell / recording.HiddenSize, cell % recording.HiddenSize);

    /// <summary>The best cell for a state, or null when the state is absent from the text (or covers all of it).</summary>
    public CellFinding? Find(string state, IReadOnlyList<bool> labels)
    {
        Check(labels.Count);
        int inside = labels.Count(b => b);
        if (inside == 0 || inside == labels.Count) return null;
        ranks ??= Enumerable.Range(0, Cells).Select(c => Ranks(Series(c))).ToArray();
        var (best, auc) = BestAuc(labels.ToArray());
        var rng = new Random(seed);
        double shuffled = 0, shifted = 0;
        for (int run = 0; run < baselineRuns; run++)
        {
            shuffled = Math.Max(shuffled, Strength(BestAuc(Shuffle(labels, rng)).Value));
            shifted = Math.Max(shifted, Strength(BestAuc(Shift(labels, rng)).Value));
        }
        return new CellFinding(state, "AUC", inside, labels.Count, Id(best), auc, Strength(auc), shuffled, shifted, baselineRuns);
    }

    /// <summary>The cell whose c correlates best (in absolute value) with a counter, or null for a constant counter.</summary>
    public CellFinding? FindCounter(string counter, IReadOnlyList<double> values)
    {
        Check(values.Count);
        var z = Standardize(values.ToArray());
        if (z is null) return null;
        // A constant cell correlates with nothing: all zeros gives it r = 0.
        standardized ??= Enumerable.Range(0, Cells)
            .Select(c => Standardize(Series(c).Select(v => (double)v).ToArray()) ?? new double[recording.Length]).ToArray();
        var (best, r) = BestCorrelation(z);
        var rng = new Random(seed);
        double shuffled = 0, shifted = 0;
        for (int run = 0; run < baselineRuns; run++)
        {
            shuffled = Math.Max(shuffled, Math.Abs(BestCorrelation(Shuffle(z, rng)).Value));
            shifted = Math.Max(shifted, Math.Abs(BestCorrelation(Shift(z, rng)).Value));
        }
        return new CellFinding(counter, "r", values.Count(v => v != 0), values.Count, Id(best), r, Math.Abs(r), shuffled, shifted, baselineRuns);
    }

    /// <summary>ROC AUC of one cell's c for the labels.</summary>
    public double Auc(CellId cell, IReadOnlyList<bool> labels)
    {
        Check(labels.Count);
        ranks ??= Enumerable.Range(0, Cells).Select(c => Ranks(Series(c))).ToArray();
        return Auc(ranks[cell.Layer * recording.HiddenSize + cell.Unit], labels.ToArray());
    }

    void Check(int count)
    {
        if (count != recording.Length) throw new LabException($"There are {count} labels for a recording of {recording.Length} characters.");
    }

    float[] Series(int cell) => recording.CellSeries(cell / recording.HiddenSize, cell % recording.HiddenSize);

    static double Strength(double auc) => Math.Max(auc, 1 - auc);

    (int Cell, double Value) BestAuc(bool[] labels)
    {
        int best = 0;
        double bestAuc = 0.5, bestStrength = -1;
        for (int c = 0; c < Cells; c++)
        {
            double auc = Auc(ranks![c], labels);
            if (Strength(auc) > bestStrength) { best = c; bestAuc = auc; bestStrength = Strength(auc); }
        }
        return (best, bestAuc);
    }

    static double Auc(double[] ranks, bool[] labels)
    {
        double sum = 0;
        long positives = 0;
        for (int t = 0; t < labels.Length; t++) if (labels[t]) { sum += ranks[t]; positives++; }
        long negatives = labels.Length - positives;
        return (sum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    (int Cell, double Value) BestCorrelation(double[] z)
    {
        int best = 0;
        double bestR = 0;
        for (int c = 0; c < Cells; c++)
        {
            var s = standardized![c];
            double dot = 0;
            for (int t = 0; t < z.Length; t++) dot += s[t] * z[t];
            double r = dot / z.Length;
            if (Math.Abs(r) > Math.Abs(bestR)) { best = c; bestR = r; }
        }
        return (best, bestR);
    }

    /// <summary>1-based ranks with ties averaged, as the Mann-Whitney statistic needs them.</summary>
    static double[] Ranks(float[] values)
    {
        var order = Enumerable.Range(0, values.Length).ToArray();
        Array.Sort(values.ToArray(), order);
        var ranks = new double[values.Length];
        for (int i = 0; i < order.Length;)
        {
            int j = i;
            while (j + 1 < order.Length && values[order[j + 1]] == values[order[i]]) j++;
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) ranks[order[k]] = rank;
            i = j + 1;
        }
        return ranks;
    }

    /// <summary>Zero mean, unit (population) variance; null for a constant series.</summary>
    static double[]? Standardize(double[] values)
    {
        double mean = values.Average();
        double sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
        if (!(sd > 1e-12)) return null;
        return values.Select(v => (v - mean) / sd).ToArray();
    }

    static T[] Shuffle<T>(IReadOnlyList<T> labels, Random rng)
    {
        var copy = labels.ToArray();
        for (int i = copy.Length - 1; i > 0; i--) { int j = rng.Next(i + 1); (copy[i], copy[j]) = (copy[j], copy[i]); }
        return copy;
    }

    // A rotation by 10% to 90% of the text: the state keeps its run lengths but lands on other characters.
    static T[] Shift<T>(IReadOnlyList<T> labels, Random rng)
    {
        int n = labels.Count, offset = n / 10 + rng.Next(Math.Max(1, n * 8 / 10));
        var copy = new T[n];
        for (int i = 0; i < n; i++) copy[(i + offset) % n] = labels[i];
        return copy;
    }
}
