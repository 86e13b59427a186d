using System.Diagnostics;
using System.Globalization;
using CharLstmLab.Compute;
using CharLstmLab.Model;
using CharLstmLab.Sampling;

namespace CharLstmLab.Benchmarks;

/// <summary>
/// The anchors' benchmark, run on this library, printing one <c>RESULT ...</c> line in their format:
/// warm-up steps, then the median step time of the timed steps (training chars/s = B*T / median);
/// then sampling: prime with the first 100 corpus characters and generate N characters one at a
/// time at temperature 0.8 through <see cref="TextGenerator"/> (the prompt's 100 steps are inside
/// the timed call, so this slightly under-reports).
/// </summary>
static class AnchorRun
{
    public static int Run(string[] args)
    {
        var a = Args.Parse(args);
        var (H, E, B, T) = a.Shape();
        int warm = a.Int("warmup", 5), steps = a.Int("steps", 50), nSample = a.Int("sample", 20000);
        var compute = a.Compute();
        var (text, label) = BenchSetup.LoadCorpus(a.Str("corpus-kind", "anchor"), a.Has("corpus") ? a.Str("corpus", "") : null);
        var setup = new BenchSetup(text, H, E, B, T, compute: compute);

        var times = new List<double>();
        double loss = 0;
        long allocated = 0;
        var clock = new Stopwatch();
        for (int s = 0; s < warm + steps; s++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            clock.Restart();
            loss = setup.TrainNext();
            clock.Stop();
            if (s >= warm) { times.Add(clock.Elapsed.TotalSeconds); allocated += GC.GetAllocatedBytesForCurrentThread() - before; }
        }
        times.Sort();
        double med = times[times.Count / 2];

        var generator = new TextGenerator(setup.Model, setup.Vocabulary, compute);
        string prompt = text[..Math.Min(100, text.Length)];
        var sampler = new TemperatureSampler(0.8);
        var sampleClock = Stopwatch.StartNew();
        var sample = generator.Generate(prompt, nSample, sampler, new Random(1234));
        sampleClock.Stop();

        using var self = Process.GetCurrentProcess();
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "RESULT impl=charlstmlab H={0} E={1} B={2} T={3} V={4} threads={5} steps={6} step_ms_median={7:F3} step_ms_min={8:F3} step_ms_max={9:F3} " +
            "train_cps={10:F0} sample_cps={11:F0} loss={12:F4} alloc_bytes_per_step={13} peak_rss_mib={14:F1} corpus={15}",
            H, E, B, T, setup.Vocabulary.Size, compute.Threads, steps, med * 1e3, times[0] * 1e3, times[^1] * 1e3,
            B * T / med, nSample / sampleClock.Elapsed.TotalSeconds, loss, allocated / Math.Max(1, steps),
            self.PeakWorkingSet64 / 1048576.0, label));
        if (a.Has("show")) Console.WriteLine(sample.Text[..Math.Min(300, sample.Text.Length)]);
        return 0;
    }
}

/// <summary>The anchors' "--key value" arguments (a bare "--key" means 1).</summary>
sealed class Args
{
    readonly Dictionary<string, string> values = [];

    public static Args Parse(string[] args)
    {
        var r = new Args();
        for (int i = 0; i < args.Length; i++)
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                string key = args[i][2..];
                r.values[key] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "1";
            }
        return r;
    }

    public bool Has(string key) => values.ContainsKey(key);
    public int Int(string key, int fallback) => values.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
    public string Str(string key, string fallback) => values.TryGetValue(key, out var v) ? v : fallback;

    /// <summary>The model and batch shape every mode takes: --H (128), --E (= H), --B (32), --T (64).</summary>
    public (int H, int E, int B, int T) Shape()
    {
        int h = Int("H", 128);
        return (h, Int("E", h), Int("B", 32), Int("T", 64));
    }

    /// <summary>--threads N: the kernels' threads; 0 or absent = every core.</summary>
    public ComputeContext Compute() => new(Int("threads", 0));
}
