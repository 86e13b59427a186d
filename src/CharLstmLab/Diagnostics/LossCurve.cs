using MathNet.Numerics;

namespace CharLstmLab.Diagnostics;

/// <summary>Reads a loss log the way the article reads its table, so "iteration 51: 0.95 -> 1.10" is computed.</summary>
public static class LossCurve
{
    /// <summary>A full per-iteration log: <paramref name="losses"/>[i] is the loss of iteration i + 1.</summary>
    public static CurveReport Analyze(IReadOnlyList<double> losses, double minRise = 0.0, int slopeWindow = 10) =>
        Analyze(losses.Select((loss, i) => (i + 1, loss)).ToList(), minRise, slopeWindow);

    /// <summary>
    /// Logged points (iteration, loss) in increasing iteration order, such as the article's
    /// iterations 1, 11, ..., 91. A rebound is a point whose loss exceeds the previous point's by
    /// more than <paramref name="minRise"/>. FinalSlope fits a line to the last
    /// <paramref name="slopeWindow"/> points (all of them if fewer). The run is still improving when
    /// that slope is negative and, if earlier points exist, the mean of the last window is below the
    /// mean of the (up to) <paramref name="slopeWindow"/> points just before it — so one lucky
    /// final dip in a flat, noisy tail does not count.
    /// </summary>
    public static CurveReport Analyze(IReadOnlyList<(int Iteration, double Loss)> points, double minRise = 0.0, int slopeWindow = 10)
    {
        Check(points, minRise, slopeWindow);
        var rebounds = new List<Rebound>();
        for (int i = 1; i < points.Count; i++)
            if (points[i].Loss - points[i - 1].Loss > minRise)
                rebounds.Add(new Rebound(points[i].Iteration, points[i - 1].Loss, points[i].Loss));
        var largest = rebounds.MaxBy(r => r.Rise);

        int k = Math.Min(slopeWindow, points.Count);
        var last = points.Skip(points.Count - k).ToList();
        var before = points.Take(points.Count - k).TakeLast(slopeWindow).ToList();
        double slope = Fit.Line(last.Select(p => (double)p.Iteration).ToArray(), last.Select(p => p.Loss).ToArray()).B;
        bool improving = slope < 0 && (before.Count == 0 || last.Average(p => p.Loss) < before.Average(p => p.Loss));
        return new CurveReport(rebounds, largest, slope, improving);
    }

    static void Check(IReadOnlyList<(int Iteration, double Loss)> points, double minRise, int slopeWindow)
    {
        if (points.Count < 2) throw new LabException($"A loss curve needs at least two points, but it has {points.Count}.");
        Require.NonNegative(minRise, "The minimum rise");
        if (slopeWindow < 2) throw new LabException($"The slope window must hold at least two points, but it is {slopeWindow}.");
        for (int i = 0; i < points.Count; i++)
        {
            if (!double.IsFinite(points[i].Loss))
                throw new LabException($"The loss at iteration {points[i].Iteration} is {points[i].Loss}, not a finite number.");
            if (i > 0 && points[i].Iteration <= points[i - 1].Iteration)
                throw new LabException($"Loss points must be in increasing iteration order, but iteration {points[i].Iteration} follows " +
                    $"{points[i - 1].Iteration}.");
        }
    }
}
