namespace CharLstmLab.Reproduction;

/// <summary>
/// Over every step of a run: how many had a gradient element larger than <see cref="ElementThreshold"/>
/// (where an element clip at that value changes the gradient) and how many had a global norm above
/// <see cref="NormThreshold"/> (where a norm clip rescales it), both measured before any clipping.
/// </summary>
public sealed record ClipCounts(int Steps, double ElementThreshold, int ElementAbove, double NormThreshold, int NormAbove,
    IReadOnlyDictionary<int, double> LargestElementByIteration)
{
    /// <summary>The largest |gradient element| of any step of the run.</summary>
    public double LargestElement => LargestElementByIteration.Values.DefaultIfEmpty(0).Max();
    /// <summary>The iterations in which at least one step had an element above the threshold.</summary>
    public IReadOnlyList<int> ElementIterations =>
        LargestElementByIteration.Where(p => p.Value > ElementThreshold).Select(p => p.Key).Order().ToList();

    public double ElementShare => Steps == 0 ? 0 : (double)ElementAbove / Steps;
    public double NormShare => Steps == 0 ? 0 : (double)NormAbove / Steps;
}
