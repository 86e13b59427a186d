using CharLstmLab.Training;

namespace CharLstmLab.Reproduction;

/// <summary>
/// What <see cref="NgramChallenge"/> trains. The base is notebook 4's model (min-char-rnn's Adagrad, H = 128, T = 25, B = 16),
/// the strongest quick model of the workbook, trained 30 passes over the small corpus (960 optimizer steps): its validation
/// loss is lowest near pass 10 and rises after, so "the best-validation iteration" and "the last" differ, and more passes
/// would only add overfitting. Each other variant changes one thing. The large corpus has about 19 times as many windows
/// per pass: 2 passes are about the base's steps (equal compute), 4 passes show what more steps on more data add.
/// A new variant is one more line in <see cref="Variants"/> (e.g. <c>new("dropout 0.5", ChallengeCorpus.Small, Base with { Dropout = 0.5 })</c>).
/// </summary>
public sealed record NgramChallengeSettings
{
    public IReadOnlyList<int> Seeds { get; init; } = [1, 2, 3];
    /// <summary>Runs trained at the same time, each on one thread; 0 = one per core. The table does not depend on it.</summary>
    public int Threads { get; init; }

    public static TrainingSettings Base { get; } = new()
    {
        HiddenSize = 128, EmbeddingSize = 32, Layers = 1, SeqLength = 25, BatchSize = 16, Optimizer = OptimizerKind.Adagrad,
        LearningRate = 0.1, ClipValue = 5, Iterations = 30, SampleEvery = 0, ValidationFraction = 0.1,
    };

    public IReadOnlyList<ChallengeVariant> Variants { get; init; } =
    [
        new("base (H = 128, 1 layer, small corpus)", ChallengeCorpus.Small, Base),
        new("bigger (H = 256)", ChallengeCorpus.Small, Base with { HiddenSize = 256 }),
        new("deeper (2 layers of 128)", ChallengeCorpus.Small, Base with { Layers = 2 }),
        // Dropout acts before the decoder and between layers, so on one layer it has one place to act, on two it has two.
        new("dropout 0.3 (1 layer)", ChallengeCorpus.Small, Base with { Dropout = 0.3 }),
        new("deeper with dropout 0.3 (2 layers)", ChallengeCorpus.Small, Base with { Layers = 2, Dropout = 0.3 }),
        new("more data (large corpus, 2 passes: about the base's steps)", ChallengeCorpus.Large, Base with { Iterations = 2 }),
        new("more data and steps (large corpus, 4 passes)", ChallengeCorpus.Large, Base with { Iterations = 4 }),
    ];

    /// <summary>The same settings with training seeds 1 to <paramref name="count"/>.</summary>
    public NgramChallengeSettings WithSeeds(int count)
    {
        Require.Positive(count, "The number of training seeds");
        return this with { Seeds = Enumerable.Range(1, count).ToArray() };
    }

    public void Validate()
    {
        if (Seeds.Count == 0) throw new LabException("The n-gram challenge needs at least one training seed.");
        if (Threads < 0) throw new LabException($"The thread count must be zero (one run per core) or more, but it is {Threads}.");
        if (Variants.Count == 0) throw new LabException("The n-gram challenge needs at least one variant.");
        foreach (var v in Variants)
        {
            v.Settings.Validate();
            if (v.Settings.ValidationFraction <= 0)
                throw new LabException($"The variant '{v.Name}' holds no text out, so it has no validation loss to compare.");
        }
        var twice = Variants.GroupBy(v => v.Name).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new LabException($"Two variants are named '{twice.Key}'; give each its own name.");
    }
}
