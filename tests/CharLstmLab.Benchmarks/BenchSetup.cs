using CharLstmLab.Compute;
using CharLstmLab.Model;
using CharLstmLab.Text;
using CharLstmLab.Training;

namespace CharLstmLab.Benchmarks;

/// <summary>A model size and a window shape, named as in the anchors (a, b) or the workbook's default.</summary>
public sealed record BenchConfig(string Name, int H, int E, int B, int T, string CorpusKind)
{
    public static readonly BenchConfig A = new("a", 128, 128, 32, 64, "anchor");
    public static readonly BenchConfig B_ = new("b", 512, 512, 16, 25, "anchor");
    public static readonly BenchConfig Workbook = new("workbook", 128, 32, 16, 25, "small");
    public static IEnumerable<BenchConfig> All => [A, B_, Workbook];
    public override string ToString() => $"{(Name == "workbook" ? "wb" : Name)}-H{H}-E{E}-B{B}-T{T}"; // BenchmarkDotNet cuts parameters past 20 characters
}

/// <summary>
/// Everything a training-step or sampling benchmark needs, built the way the anchors build it:
/// vocabulary = distinct characters by code point, B streams over the whole text (no validation
/// split), SGD with lr 1 on the mean loss (= 1/T on our window-summed loss), global-norm clip 5.
/// </summary>
public sealed class BenchSetup
{
    public BenchSetup(string text, int H, int E, int B, int T, int seed = 1234, ComputeContext? compute = null)
    {
        Text = text;
        Vocabulary = Vocabulary.FromText(text);
        Encoded = Vocabulary.Encode(text);
        Batches = new BatchStreams(Encoded, B, T);
        Model = CharLstm.Create(new ModelShape(Vocabulary.Size, E, H, 1), seed);
        Optimizer = new Sgd(Model.Parameters);
        Step = new WindowStep(Model, Optimizer, B, T, clipValue: null, clipNorm: 5, compute ?? new ComputeContext(0));
        State = Model.InitHidden(B);
        Inputs = new int[B * T];
        Targets = new int[B * T];
        LearningRate = 1f / T;
        this.T = T;
    }

    readonly int T;
    int window;

    public string Text { get; }
    public Vocabulary Vocabulary { get; }
    public int[] Encoded { get; }
    public BatchStreams Batches { get; }
    public CharLstm Model { get; }
    public Optimizer Optimizer { get; }
    public WindowStep Step { get; }
    public LstmState State { get; }
    public int[] Inputs { get; }
    public int[] Targets { get; }
    public float LearningRate { get; }

    /// <summary>One training step on the next window; wraps to window 0 (and the zero state) after the last. Returns the mean loss per character.</summary>
    public double TrainNext()
    {
        if (window == Batches.WindowCount) window = 0;
        if (window == 0) State.Reset();
        Batches.Fill(window++, Inputs, Targets);
        return Step.Run(Inputs, Targets, State, LearningRate).Loss / T;
    }

    public static string RepoRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "CharLstmLab.sln"))) return dir.FullName;
        throw new InvalidOperationException("CharLstmLab.sln not found above the benchmark folder or the current folder.");
    }

    public const string AnchorCorpusPath = "/tmp/anchor_corpus.md";

    /// <summary>
    /// The anchors' corpus (made by shared/anchors/make_corpus.sh, V = 165) when it exists, else the
    /// bundled data/large folder; "small" is the bundled data/small (the workbook's corpus).
    /// Both are deterministic. Returns the text and a label for the report.
    /// </summary>
    public static (string Text, string Label) LoadCorpus(string kind, string? path = null)
    {
        if (path is not null) return (Corpus.Load(path).Text, path);
        if (kind == "small") return (Corpus.Load(Path.Combine(RepoRoot(), "data", "small")).Text, "data/small");
        if (File.Exists(AnchorCorpusPath)) return (Corpus.Load(AnchorCorpusPath).Text, AnchorCorpusPath);
        return (Corpus.Load(Path.Combine(RepoRoot(), "data", "large")).Text, "data/large");
    }
}
