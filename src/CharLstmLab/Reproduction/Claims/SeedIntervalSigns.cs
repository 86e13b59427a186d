namespace CharLstmLab.Reproduction;

/// <summary>
/// Reading a <see cref="SeedInterval"/> of a difference: is it clearly above or below zero, and the
/// difference with its sign. One seed has no interval, so it is never clearly either.
/// </summary>
public static class SeedIntervalSigns
{
    public static bool AboveZero(this SeedInterval i) => i.HasInterval && i.Low > 0;

    public static bool BelowZero(this SeedInterval i) => i.HasInterval && i.High < 0;

    /// <summary>
    /// The verdict of one or more effects that each favour the claim when above zero: holds when every
    /// interval lies above zero, does not hold when every one lies below, not established when none
    /// excludes zero, and depends on (the model, the stage, the prompt) when some do and others do not.
    /// </summary>
    public static Verdict Judge(this IReadOnlyCollection<SeedInterval> effects) =>
        effects.All(AboveZero) ? Verdict.Holds
        : effects.All(BelowZero) ? Verdict.DoesNotHold
        : !effects.Any(e => e.AboveZero() || e.BelowZero()) ? Verdict.NotEstablished
        : Verdict.DependsOn;

    /// <summary>"+0.47 [+0.44, +0.51]", or "+0.47 (one seed, no interval)".</summary>
    public static string Signed(this SeedInterval i, string format = "+0.00;-0.00;0.00") => i.HasInterval
        ? $"{i.Mean.ToString(format)} [{i.Low.ToString(format)}, {i.High.ToString(format)}]"
        : $"{i.Mean.ToString(format)} (one seed, no interval)";
}
