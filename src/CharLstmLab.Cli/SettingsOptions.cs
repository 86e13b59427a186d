using System.CommandLine;
using CharLstmLab.Training;

namespace CharLstmLab.Cli;

/// <summary>The training settings as command-line options; names are stable so scripts can rely on them.</summary>
sealed class SettingsOptions
{
    static readonly TrainingSettings Defaults = new();

    public readonly Option<int> Hidden = Cli.Option("--hidden", "Hidden units per LSTM layer (H).", Defaults.HiddenSize);
    public readonly Option<int> Embedding = Cli.Option("--embedding", "Embedding size (E).", Defaults.EmbeddingSize);
    public readonly Option<int> Layers = Cli.Option("--layers", "Number of LSTM layers.", Defaults.Layers);
    public readonly Option<int> SeqLength = Cli.Option("--seq-length", "Characters per window, the truncated-BPTT length (T).", Defaults.SeqLength);
    public readonly Option<int> BatchSize = Cli.Option("--batch-size", "Parallel streams per window (B).", Defaults.BatchSize);
    public readonly Option<OptimizerKind> Optimizer = Cli.Option("--optimizer", "sgd, momentum, adagrad or adam.", Defaults.Optimizer);
    public readonly Option<double> Lr = Cli.Option("--lr", "Learning rate (the article's alpha).", Defaults.LearningRate);
    public readonly Option<double> LrDecay = Cli.Option("--lr-decay", "Learning rate of iteration i is lr * (1 - decay)^(i-1).", Defaults.LrDecay);
    public readonly Option<double?> ClipValue =
        Cli.Optional<double>("--clip-value", "Clip every gradient element to [-c, c] (the article's np.clip). Off unless given.");
    public readonly Option<double?> ClipNorm =
        Cli.Optional<double>("--clip-norm", "Rescale the gradient when its global L2 norm exceeds this. Off unless given.");
    public readonly Option<int> Iterations =
        Cli.Option("--iterations", "Iterations; one iteration is one full pass over the training text.", Defaults.Iterations);
    public readonly Option<double> ValFraction =
        Cli.Option("--val-fraction", "Share of the corpus (its end) held out for validation.", Defaults.ValidationFraction);
    public readonly Option<int> Seed = Cli.Option("--seed", "Seed for the weights and the samples.", Defaults.Seed);
    public readonly Option<int> Threads =
        Cli.Option("--threads", "Threads for the kernels; 0 = all cores. Results do not depend on it.", Defaults.Threads);
    public readonly Option<double> Dropout = Cli.Option("--dropout",
        "Dropout probability between LSTM layers and before the decoder, in training only; 0 = off.", Defaults.Dropout);
    public readonly Option<int> SampleEvery =
        Cli.Option("--sample-every", "Take a sample every N iterations (and at the last); 0 = never.", Defaults.SampleEvery);

    public readonly Option<string> Prompt =
        Cli.Option("--prompt", "Prompt the samples in the log start from (\"#\" is the article's cold start).", Defaults.Prompt);
    public readonly Option<string?> PromptFile = Cli.PromptFile();

    public IEnumerable<Option> All =>
        [Hidden, Embedding, Layers, SeqLength, BatchSize, Optimizer, Lr, LrDecay, ClipValue, ClipNorm, Iterations, ValFraction, Seed, Threads,
        Dropout, SampleEvery, Prompt, PromptFile];

    /// <summary>Settings from the command line; with a base (a resumed run), only options the user typed override it.</summary>
    public TrainingSettings Read(ParseResult r, TrainingSettings? baseSettings = null)
    {
        var s = baseSettings ?? Defaults;
        T Get<T>(Option<T> o, T current) => baseSettings is null || r.GetResult(o) is { Implicit: false } ? r.GetValue(o)! : current;
        return s with
        {
            HiddenSize = Get(Hidden, s.HiddenSize),
            EmbeddingSize = Get(Embedding, s.EmbeddingSize),
            Layers = Get(Layers, s.Layers),
            SeqLength = Get(SeqLength, s.SeqLength),
            BatchSize = Get(BatchSize, s.BatchSize),
            Optimizer = Get(Optimizer, s.Optimizer),
            LearningRate = Get(Lr, s.LearningRate),
            LrDecay = Get(LrDecay, s.LrDecay),
            ClipValue = Get(ClipValue, s.ClipValue),
            ClipNorm = Get(ClipNorm, s.ClipNorm),
            Iterations = Get(Iterations, s.Iterations),
            ValidationFraction = Get(ValFraction, s.ValidationFraction),
            Seed = Get(Seed, s.Seed),
            Threads = Get(Threads, s.Threads),
            Dropout = Get(Dropout, s.Dropout),
            SampleEvery = Get(SampleEvery, s.SampleEvery),
            Prompt = Cli.Prompt(r, Prompt, PromptFile) ?? s.Prompt,
        };
    }
}
