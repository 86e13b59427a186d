using CharLstmLab.Sampling;

namespace CharLstmLab.Reproduction;

/// <summary>How the texts compared for claim (d) are made: prompt, length, the temperature set against greedy, and its sampling seeds.</summary>
public sealed record DecodingSettings(string Prompt, int Length, double Temperature, IReadOnlyList<int> SamplingSeeds)
{
    public void Validate()
    {
        if (string.IsNullOrEmpty(Prompt)) throw new LabException("The prompt must hold at least one character (for a cold start use \"#\").");
        Require.Positive(Length, "The sample length");
        new TemperatureSampler(Temperature);
        if (SamplingSeeds.Count == 0) throw new LabException("Claim (d) needs at least one sampling seed.");
    }
}
