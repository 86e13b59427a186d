using System.Globalization;
using MathNet.Numerics.Distributions;

namespace CharLstmLab.Reproduction;

/// <summary>
/// The mean of one number measured once per training seed, with a 95 % Student-t interval for the
/// mean (mean ± t(0.975, n - 1) · sd / √n). With one seed there is no interval: Low and High are NaN.
/// </summary>
public sealed record SeedInterval(double Mean, double Low, double High, int Seeds)
{
    public static SeedInterval Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new LabException("An interval over seeds needs at least one seed.");
        double mean = values.Average();
        if (values.Count == 1) return new(mean, double.NaN, double.NaN, 1);
        double sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        double half = StudentT.InvCDF(0, 1, values.Count - 1, 0.975) * sd / Math.Sqrt(values.Count);
        return new(mean, mean - half, mean + half, values.Count);
    }

    public bool HasInterval => Seeds > 1;

    /// <summary>"4.48, 95 % t-interval [3.90, 5.06] over 3 seeds", or "4.48 (one seed: no interval)".</summary>
    public string Describe(string format = "F2") => HasInterval
        ? string.Create(CultureInfo.InvariantCulture,
            $"{Mean.ToString(format, CultureInfo.InvariantCulture)}, 95 % t-interval [{Low.ToString(format, CultureInfo.InvariantCulture)}, " +
            $"{High.ToString(format, CultureInfo.InvariantCulture)}] over {Seeds} seeds")
        : string.Create(CultureInfo.InvariantCulture, $"{Mean.ToString(format, CultureInfo.InvariantCulture)} (one seed: no interval)");
}
