using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using CharLstmLab.Model;
using CharLstmLab.Sampling;

namespace CharLstmLab.Benchmarks;

/// <summary>
/// One training step (forward, BPTT, global-norm clip 5, SGD) and one sampled character (a
/// batch-1 step, softmax at temperature 0.8, a draw) at the anchors' configs a and b and the
/// workbook's default config, with allocated bytes per operation (MemoryDiagnoser) and a
/// chars/s column. Run: <c>dotnet run -c Release --project tests/CharLstmLab.Benchmarks -- --filter '*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(CharsPerSecondConfig))]
public class TrainingBenchmarks
{
    public const int SampleCharsPerInvoke = 1000;

    BenchSetup setup = null!;
    Stepper stepper = null!;
    readonly TemperatureSampler sampler = new(0.8);
    readonly Random rng = new(1234);
    float[] logits = [], probs = [];
    int token;

    [ParamsSource(nameof(Configs))]
    public BenchConfig Config { get; set; } = BenchConfig.A;

    public static IEnumerable<BenchConfig> Configs => BenchConfig.All;

    [GlobalSetup]
    public void Setup()
    {
        var (text, _) = BenchSetup.LoadCorpus(Config.CorpusKind);
        setup = new BenchSetup(text, Config.H, Config.E, Config.B, Config.T);
        for (int i = 0; i < 5; i++) setup.TrainNext();
        stepper = new Stepper(setup.Model);
        logits = new float[setup.Vocabulary.Size];
        probs = new float[setup.Vocabulary.Size];
        foreach (int id in setup.Encoded.AsSpan(0, Math.Min(100, setup.Encoded.Length))) stepper.Step(id, logits);
    }

    /// <summary>One window: B*T characters.</summary>
    [Benchmark]
    public double TrainStep() => setup.TrainNext();

    /// <summary>One generated character (reported per character).</summary>
    [Benchmark(OperationsPerInvoke = SampleCharsPerInvoke)]
    public int SampleChar()
    {
        for (int i = 0; i < SampleCharsPerInvoke; i++)
        {
            token = sampler.Sample(logits, probs, rng);
            stepper.Step(token, logits);
        }
        return token;
    }
}

/// <summary>Adds the chars/s column: B*T / mean for a training step, 1 / mean for a sampled character.</summary>
public sealed class CharsPerSecondConfig : ManualConfig
{
    public CharsPerSecondConfig() => AddColumn(new CharsPerSecondColumn());

    sealed class CharsPerSecondColumn : IColumn
    {
        public string Id => "CharsPerSecond";
        public string ColumnName => "chars/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Characters per second: B*T / mean step time (TrainStep), 1 / mean time per character (SampleChar)";
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var report = summary[benchmarkCase];
            if (report?.ResultStatistics is not { } stats || benchmarkCase.Parameters["Config"] is not BenchConfig config) return "-";
            double charsPerOp = benchmarkCase.Descriptor.WorkloadMethod.Name == nameof(TrainingBenchmarks.TrainStep) ? config.B * config.T : 1;
            return (charsPerOp / (stats.Mean * 1e-9)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
