using CharLstmLab.Sampling;

namespace CharLstmLab.Reproduction;

/// <summary>Where and how far to look after a forced character.</summary>
/// <param name="Positions">Generated positions at which one character is forced, 0-based.</param>
/// <param name="Horizon">N: the characters after the forcing that are compared.</param>
/// <param name="Agree">Characters that must match in a row, at a shift of at most <paramref name="MaxShift"/>, to count as re-synchronized.</param>
public sealed record SnowballSettings(string Prompt, IReadOnlyList<int> Positions, int Horizon, double Temperature, IReadOnlyList<int> SamplingSeeds,
    int Agree = 8, int MaxShift = 4)
{
    public int Length => Positions.Max() + 1 + Horizon + Agree + MaxShift;

    public void Validate()
    {
        if (string.IsNullOrEmpty(Prompt)) throw new LabException("The prompt must hold at least one character (for a cold start use \"#\").");
        if (Positions.Count == 0 || Positions.Any(p => p < 0))
            throw new LabException("The snowball needs at least one forcing position, each 0 or more.");
        Require.Positive(Horizon, "The snowball horizon");
        Require.Positive(Agree, "The snowball's agreeing stretch");
        if (MaxShift < 0) throw new LabException($"The snowball's largest shift must be 0 or more, but it is {MaxShift}.");
        new TemperatureSampler(Temperature);
        if (SamplingSeeds.Count == 0) throw new LabException("The snowball needs at least one sampling seed.");
    }
}
