using CharLstmLab.Sampling;

namespace CharLstmLab.Reproduction;

/// <summary>How claim (e) samples: the cold start, the warm-ups, the sampler, its seeds, and what "early" means.</summary>
/// <param name="DriftSteps">The first generated characters whose entropy is averaged.</param>
/// <param name="EarlyCharacters">The first generated characters whose words are judged for nonsense.</param>
public sealed record WarmUpSettings(NamedPrompt Cold, IReadOnlyList<NamedPrompt> WarmUps, SamplerSettings Sampler, IReadOnlyList<int> SamplingSeeds,
    int DriftSteps = 10, int EarlyCharacters = 60)
{
    public void Validate()
    {
        if (WarmUps.Count == 0) throw new LabException("Claim (e) needs at least one warm-up prompt.");
        foreach (var p in WarmUps.Prepend(Cold))
            if (string.IsNullOrEmpty(p.Text)) throw new LabException($"The prompt '{p.Name}' is empty; a prompt must hold at least one character.");
        Require.Positive(DriftSteps, "The number of drift steps");
        Require.Positive(EarlyCharacters, "The number of early characters");
        Sampler.Create();
        if (SamplingSeeds.Count == 0) throw new LabException("Claim (e) needs at least one sampling seed.");
    }
}
