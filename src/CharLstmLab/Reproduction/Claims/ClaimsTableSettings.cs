using CharLstmLab.Sampling;
using CharLstmLab.Text;
using CharLstmLab.Training;

namespace CharLstmLab.Reproduction;

/// <summary>
/// Everything the claims table runs, with the defaults the notebooks use for the same claims:
/// notebook 2 for (a)-(c), notebook 3 for (f), notebook 4 for (d) and the snowball, notebook 5 for (e).
/// Claims (a), (b), (c), (e) and the unfixed arm of (f) share one configuration, <see cref="Article"/>,
/// so its runs are trained once per seed and read by all five.
/// </summary>
public sealed record ClaimsTableSettings
{
    /// <summary>The training seeds of every claim.</summary>
    public IReadOnlyList<int> Seeds { get; init; } = [1, 2, 3];
    /// <summary>Runs trained at the same time, each on one thread; 0 = one per core. The rows do not depend on it.</summary>
    public int Threads { get; init; }

    /// <summary>The article's run, read by (a), (b), (c), (e) and the unfixed arm of (f).</summary>
    public TrainingSettings Article { get; init; } = ReproductionSettings.Article with { SampleEvery = 0 };
    public double ClipValue { get; init; } = 5;
    public double ClipNorm { get; init; } = 5;
    public double LowerRate { get; init; } = 0.005;

    /// <summary>Notebook 4's model for (d) and the snowball: min-char-rnn's Adagrad, readable text after a few seconds.</summary>
    public TrainingSettings Decoding { get; init; } = new()
    {
        HiddenSize = 128, EmbeddingSize = 32, SeqLength = 25, BatchSize = 16, Optimizer = OptimizerKind.Adagrad,
        LearningRate = 0.1, ClipValue = 5, Iterations = 30, SampleEvery = 0,
    };
    /// <summary>Models kept on the way of each (d) run, log spaced from iteration 1 to the last.</summary>
    public int Checkpoints { get; init; } = 8;
    public string DecodingPrompt { get; init; } = "## ";
    public int SampleLength { get; init; } = 240;
    /// <summary>The temperature the article recommends, set against greedy in (d) and the snowball.</summary>
    public double Temperature { get; init; } = 0.8;
    public IReadOnlyList<int> SamplingSeeds { get; init; } = [1, 2, 3, 4, 5];
    public IReadOnlyList<int> ForceAt { get; init; } = [20, 60, 100, 140];
    public int SnowballHorizon { get; init; } = 60;

    /// <summary>(e): the article's cold start, a warm-up cut from the corpus at a heading, and one in its style that is not in it.</summary>
    public string ColdPrompt { get; init; } = "#";
    public string WarmFromCorpusAt { get; init; } = "## Logging a walk";
    public int WarmLength { get; init; } = 180;
    public string WarmNotInCorpus { get; init; } =
        "## Counting at dusk\n\nSome birds only show up late in the day, so an evening walk can add\nspecies that a morning walk never sees. Start " +
            "it the same way, with\n";
    public IReadOnlyList<int> WarmUpSamplingSeeds { get; init; } = Enumerable.Range(1, 20).ToArray();
    public int DriftSteps { get; init; } = 10;
    public int EarlyCharacters { get; init; } = 60;

    /// <summary>The same settings with training seeds 1 to <paramref name="count"/>.</summary>
    public ClaimsTableSettings WithSeeds(int count)
    {
        Require.Positive(count, "The number of training seeds");
        return this with { Seeds = Enumerable.Range(1, count).ToArray() };
    }

    public ArticleClaimSettings ArticleClaim => new() { Run = Article, Seeds = Seeds };

    public StabilitySettings Stability => new() { Run = Article, Seeds = Seeds, ClipValue = ClipValue, ClipNorm = ClipNorm, LowerRate = LowerRate };

    public DecodingSettings DecodingSampling => new(DecodingPrompt, SampleLength, Temperature, SamplingSeeds);

    public SnowballSettings Snowball => new(DecodingPrompt, ForceAt, SnowballHorizon, Temperature, SamplingSeeds);

    /// <summary>
    /// Claim (e)'s prompts for this corpus, as notebook 5 makes them: the warm-up from the corpus
    /// starts at <see cref="WarmFromCorpusAt"/> (or the corpus's start when the heading is absent)
    /// and is cut at its last line end within <see cref="WarmLength"/> characters.
    /// </summary>
    public WarmUpSettings WarmUp(Corpus corpus)
    {
        int from = Math.Max(0, corpus.Text.IndexOf(WarmFromCorpusAt, StringComparison.Ordinal));
        string fromCorpus = corpus.Text.Substring(from, Math.Min(WarmLength, corpus.Text.Length - from));
        int lineEnd = fromCorpus.LastIndexOf('\n');
        if (lineEnd > 0) fromCorpus = fromCorpus[..(lineEnd + 1)];
        return new WarmUpSettings(new NamedPrompt($"cold start: \"{ColdPrompt}\"", ColdPrompt),
            [new NamedPrompt("warm-up from the corpus", fromCorpus), new NamedPrompt("warm-up not in the corpus", WarmNotInCorpus)],
            new SamplerSettings(SamplerKind.Temperature, Temperature), WarmUpSamplingSeeds, DriftSteps, EarlyCharacters);
    }

    /// <summary>Fails with one sentence on the first setting that cannot run on this corpus, before anything is trained.</summary>
    public void Validate(Corpus corpus)
    {
        if (Seeds.Count == 0) throw new LabException("The claims table needs at least one training seed.");
        if (Seeds.Distinct().Count() != Seeds.Count) throw new LabException($"The training seeds repeat one: {string.Join(", ", Seeds)}.");
        if (Threads < 0) throw new LabException($"The thread count must be zero (one run per core) or more, but it is {Threads}.");
        Article.Validate();
        Decoding.Validate();
        Require.Positive(Checkpoints, "The number of checkpoints");
        Require.Positive(WarmLength, "The warm-up length");
        Require.Positive(ClipValue, "The clipping value");
        Require.Positive(ClipNorm, "The clipping norm");
        Require.Positive(LowerRate, "The lower learning rate");
        DecodingSampling.Validate();
        Snowball.Validate();
        WarmUp(corpus).Validate();
    }
}
