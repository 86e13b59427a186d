using System.Diagnostics;
using System.Globalization;
using CharLstmLab.Compute;
using CharLstmLab.Model;
using CharLstmLab.Training;

namespace CharLstmLab.Benchmarks;

/// <summary>
/// `profile [--H 128 --E 128 --B 32 --T 64 --threads 2 --steps 50]`: where a training step goes,
/// by stopwatches around its parts (forward, zero grad, backward, norm, clip + SGD), medians over
/// the steps. The parts are the ones <see cref="WindowStep.Run"/> calls for plain SGD, in its order.
/// </summary>
static class ProfileRun
{
    public static int Run(string[] args)
    {
        var a = Args.Parse(args);
        var (H, E, B, T) = a.Shape();
        int steps = a.Int("steps", 50);
        var compute = a.Compute();
        var (text, _) = BenchSetup.LoadCorpus("anchor");
        var s = new BenchSetup(text, H, E, B, T, compute: compute);
        string[] names = ["forward", "zero grad", "backward", "norm", "clip+sgd", "total"];
        var passes = new ParameterPasses(s.Model.Parameters);
        var times = names.Select(_ => new List<double>()).ToArray();
        var clock = new Stopwatch();
        double Lap() { double t = clock.Elapsed.TotalMilliseconds; clock.Restart(); return t; }
        for (int i = 0; i < 5 + steps; i++)
        {
            s.Batches.Fill(i % s.Batches.WindowCount, s.Inputs, s.Targets);
            var lap = new double[names.Length];
            clock.Restart();
            s.Step.Pass.Forward(s.Inputs, s.Targets, s.State); lap[0] = Lap();
            passes.ZeroGrad(compute); lap[1] = Lap();
            s.Step.Pass.Backward(); lap[2] = Lap();
            double norm = passes.GlobalNorm(compute); lap[3] = Lap();
            s.Optimizer.Step(s.LearningRate, norm > 5 ? (float)(5 / norm) : 1f, compute); lap[4] = Lap();
            lap[5] = lap[..5].Sum();
            if (i >= 5) for (int k = 0; k < names.Length; k++) times[k].Add(lap[k]);
        }
        Console.WriteLine($"H={H} E={E} B={B} T={T} threads={compute.Threads} load {File.ReadAllText("/proc/loadavg").Trim()}");
        double total = Median(times[^1]);
        for (int k = 0; k < names.Length; k++)
        {
            double m = Median(times[k]);
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-10} {1,8:F3} ms  {2,5:F1}%", names[k], m, 100 * m / total));
        }
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "train chars/s (median total) {0:F0}", B * T / total * 1e3));
        return 0;
    }

    static double Median(List<double> v) { var c = v.Order().ToList(); return c[c.Count / 2]; }
}
