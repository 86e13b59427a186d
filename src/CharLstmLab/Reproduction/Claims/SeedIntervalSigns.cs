namespace CharLstmLab.Reproduction;

/// <summary>
/// Reading a <see cref="SeedInterval"/> of a difference: is it clearly above or below zero, and the
/// difference with its sign. One seed has no interval, so it is never clearly either.
/// </summary>
public static class SeedIntervalSigns
{
    public static bool AboveZero(this SeedInterval i) => i.HasInterval && i.Low > 0;

    public static bool BelowZero(this SeedInterval i) => i.HasInterval && i.High < 0;

    /// <summary>"+0.47 [+0.44, +0.51]", or "+0.47 (one seed, no interval)".</summary>
    public static string Signed(this SeedInterval i, string format = "+0.00;-0.00;0.00") => i.HasInterval
        ? $"{i.Mean.ToString(format)} [{i.Low.ToString(format)}, {i.High.ToString(format)}]"
        : $"{i.Mean.ToString(format)} (one seed, no interval)";
}
