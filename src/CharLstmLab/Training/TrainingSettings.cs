using CharLstmLab.Sampling;

namespace CharLstmLab.Training;

/// <summary>
/// Every knob of a training run, with its default, in one place. An <em>iteration</em> is one
/// full pass over the training text (as in the article's code), cut into B streams and
/// T-character windows; each window is one optimizer step.
/// </summary>
public sealed record TrainingSettings
{
    public int HiddenSize { get; init; } = 128;
    public int EmbeddingSize { get; init; } = 32;
    public int Layers { get; init; } = 1;
    /// <summary>T: characters per window (truncated BPTT length).</summary>
    public int SeqLength { get; init; } = 25;
    /// <summary>B: parallel streams per window.</summary>
    public int BatchSize { get; init; } = 16;
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Sgd;
    /// <summary>alpha, the article's name for the step size.</summary>
    public double LearningRate { get; init; } = 0.05;
    /// <summary>Learning rate of iteration i is alpha * (1 - decay)^(i - 1).</summary>
    public double LrDecay { get; init; }
    /// <summary>Element-wise clipping of every gradient to [-c, c] (the article's np.clip); null = off.</summary>
    public double? ClipValue { get; init; }
    /// <summary>Rescale the whole gradient when its global L2 norm exceeds this; null = off.</summary>
    public double? ClipNorm { get; init; }
    public int Iterations { get; init; } = 91;
    public int Seed { get; init; } = 1;
    /// <summary>Share of the corpus (its tail) held out for validation loss.</summary>
    public double ValidationFraction { get; init; } = 0.1;
    /// <summary>Take a sample at iterations 1, 1+N, 1+2N, ... and the last; 0 = never.</summary>
    public int SampleEvery { get; init; } = 10;
    public string Prompt { get; init; } = "#";
    public int SampleLength { get; init; } = 200;
    public SamplerSettings Sampler { get; init; } = new();
    /// <summary>Threads for the kernels; 0 = every core. Results do not depend on it.</summary>
    public int Threads { get; init; }
    /// <summary>
    /// Inverted dropout between LSTM layers and before the decoder, in training only (char-rnn's);
    /// 0, the default, is off and leaves a run bit for bit as without it.
    /// </summary>
    public double Dropout { get; init; }

    public void Validate()
    {
        Require.Positive(HiddenSize, "The hidden size");
        Require.Positive(EmbeddingSize, "The embedding size");
        Require.Positive(Layers, "The number of layers");
        Require.Positive(SeqLength, "The sequence length");
        Require.Positive(BatchSize, "The batch size");
        Require.Positive(LearningRate, "The learning rate");
        // Training steps in float: a rate that rounds to zero (or overflows) there would train nothing, silently.
        if (!float.IsNormal((float)LearningRate))
            throw new LabException($"The learning rate {LearningRate:G4} is outside what 32-bit floats hold as a normal number (about 1.2e-38 to " +
                "3.4e+38).");
        if (!(LrDecay >= 0 && LrDecay < 1)) throw new LabException($"The learning-rate decay must be in [0, 1), but it is {LrDecay}.");
        if (ClipValue is { } v)
        {
            Require.Positive(v, "The clipping value");
            if ((float)v == 0)
                throw new LabException($"The clipping value {v:G4} rounds to zero in 32-bit floats, which would erase every gradient.");
        }
        if (ClipNorm is { } n) Require.Positive(n, "The clipping norm");
        Require.Positive(Iterations, "The number of iterations");
        if (SampleEvery < 0) throw new LabException($"Sample-every must be zero or more, but it is {SampleEvery}.");
        if (SampleLength < 0) throw new LabException($"The sample length must be zero or more, but it is {SampleLength}.");
        if (!(Dropout >= 0 && Dropout < 1)) throw new LabException($"The dropout probability must be in [0, 1), but it is {Dropout}.");
        if (Threads < 0) throw new LabException($"The thread count must be zero (all cores) or more, but it is {Threads}.");
        if (!(ValidationFraction >= 0 && ValidationFraction < 1))
            throw new LabException($"The validation fraction must be in [0, 1), but it is {ValidationFraction}.");
        if (string.IsNullOrEmpty(Prompt)) throw new LabException("The sampling prompt must hold at least one character.");
        if (Sampler is null) throw new LabException("The sampler settings are missing.");
        Sampler.Create();
    }

    public double LearningRateAt(int iteration) => LearningRate * Math.Pow(1 - LrDecay, iteration - 1);

    public bool SamplesAt(int iteration) =>
        SampleEvery > 0 && ((iteration - 1) % SampleEvery == 0 || iteration == Iterations);
}
