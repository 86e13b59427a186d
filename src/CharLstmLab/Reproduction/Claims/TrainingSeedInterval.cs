namespace CharLstmLab.Reproduction.Claims;

/// <summary>
/// The mean of one number per training seed and its 95 % Student-t interval. With three seeds the
/// interval is wide (t = 4.30): that is the honest price of three seeds, not a flaw to tune away.
/// </summary>
public sealed record TrainingSeedInterval(int Seeds, double Mean, double Low, double High)
{
    // Two-sided 95 % quantiles of Student's t for 1..30 degrees of freedom; beyond 30, 1.96 is close enough.
    static readonly double[] T95 =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    /// <summary>One seed gives a mean and no interval: Low and High are then the mean itself.</summary>
    public static TrainingSeedInterval Of(IReadOnlyList<double> perSeed)
    {
        if (perSeed.Count == 0) throw new LabException("An interval needs at least one training seed.");
        double mean = perSeed.Average();
        if (perSeed.Count == 1) return new(1, mean, mean, mean);
        double sd = Math.Sqrt(perSeed.Sum(x => (x - mean) * (x - mean)) / (perSeed.Count - 1));
        int df = perSeed.Count - 1;
        double half = (df <= T95.Length ? T95[df - 1] : 1.96) * sd / Math.Sqrt(perSeed.Count);
        return new(perSeed.Count, mean, mean - half, mean + half);
    }

    public bool AboveZero => Seeds > 1 && Low > 0;
    public bool BelowZero => Seeds > 1 && High < 0;

    public string Format(string format = "+0.00;-0.00;0.00") =>
        Seeds > 1 ? $"{Mean.ToString(format)} [{Low.ToString(format)}, {High.ToString(format)}]" : $"{Mean.ToString(format)} (one seed, no interval)";
}
