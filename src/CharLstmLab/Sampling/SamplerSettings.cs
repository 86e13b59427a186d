namespace CharLstmLab.Sampling;

/// <summary>
/// Which sampler to use and its knobs, as a setting that can be saved with a run. Every sampler the
/// library, the CLI and the notebooks draw with is built here, by <see cref="Create"/>.
/// </summary>
public sealed record SamplerSettings(SamplerKind Kind = SamplerKind.Temperature, double Temperature = SamplerSettings.DefaultTemperature,
    int TopK = 10, double TopP = 0.9)
{
    /// <summary>The temperature of plain sampling when none is given (char-rnn's usual 0.8).</summary>
    public const double DefaultTemperature = 0.8;

    public ISampler Create() => Kind switch
    {
        SamplerKind.Greedy => new GreedySampler(),
        SamplerKind.Temperature => new TemperatureSampler(Temperature),
        SamplerKind.TopK => new TopKSampler(TopK, Temperature),
        SamplerKind.TopP => new TopPSampler(TopP, Temperature),
        _ => throw new LabException($"Unknown sampler '{Kind}'."),
    };
}
