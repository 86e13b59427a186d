using CharLstmLab.Sampling;
using CharLstmLab.Training;

namespace CharLstmLab.Reproduction;

/// <summary>
/// The two runs that put the article's claims to the test. Chosen once from the article's scale
/// and then left alone; the workbook reports whatever they produce.
/// </summary>
public static class ReproductionSettings
{
    /// <summary>
    /// The article's run: the small corpus (V = 80) with T = 14, so a fresh model's window loss
    /// T * ln V = 61.3 sits at the article's first figure (60.49). Plain SGD as in the article's
    /// code with alpha = 0.05, ten times its proposed "lower" 0.005; no clipping; 91 iterations;
    /// greedy samples (the article's argmax decoding) from a cold "#" at 1, 11, ..., 91.
    /// H = 128, E = 32, B = 16 keep a run near 15 seconds on two cores.
    /// </summary>
    public static TrainingSettings Article { get; } = new()
    {
        HiddenSize = 128,
        EmbeddingSize = 32,
        Layers = 1,
        SeqLength = 14,
        BatchSize = 16,
        Optimizer = OptimizerKind.Sgd,
        LearningRate = 0.05,
        ClipValue = null,
        ClipNorm = null,
        Iterations = 91,
        Seed = 1,
        ValidationFraction = 0.1,
        SampleEvery = 10,
        Prompt = "#",
        SampleLength = 300,
        Sampler = new SamplerSettings(SamplerKind.Greedy),
    };

    /// <summary>The article's fixes applied together: element-wise clipping at 5, alpha = 0.005, 300 iterations.</summary>
    public static TrainingSettings Fixed { get; } = Article with { ClipValue = 5, LearningRate = 0.005, Iterations = 300 };
}
