using System.Diagnostics;
using System.Globalization;
using CharLstmLab.Compute;
using CharLstmLab.Model;

namespace CharLstmLab.Benchmarks;

/// <summary>
/// `kernels [--H 128 --E 128 --B 32 --T 64 --threads 2]`: GFLOP/s of every matrix-product shape a
/// training step of that config runs, each timed alone (median of repeats). For tuning the kernels.
/// </summary>
static class KernelRun
{
    public static int Run(string[] args)
    {
        var a = Args.Parse(args);
        var (H, E, B, T) = a.Shape();
        int V = a.Int("V", 165);
        var compute = a.Compute();
        int R = B * T, G = 4 * H;
        Console.WriteLine($"threads={compute.Threads}  load {File.ReadAllText("/proc/loadavg").Trim()}");
        Time(compute, "table     NN", V, E, G, false); // layer 0's input products: one row per character
        Time(compute, "h*Wh/step NN", B, H, G, false, T, packed: true);
        Time(compute, "dg*WhT/st NN", B, G, H, false, T, packed: true);
        Time(compute, "dWh       TN", H, R, G, true);
        Time(compute, "dWx       TN", E, V, G, true);  // from dGates summed per character
        Time(compute, "dEmb      NT", V, G, E, false, transB: true);
        Time(compute, "logits    NN", R, H, V, false);
        Time(compute, "dWy       TN", H, R, V, true);
        Time(compute, "dTop      NT", R, V, H, false, transB: true);
        TimePack("pack Wh     ", H, G);
        Time(compute, "matvec Wh  1", 1, H, G, false, 1, matVec: true);
        Time(compute, "matvec Wy  1", 1, H, V, false, 1, matVec: true);
        return 0;
    }

    // packed: the per-step products of a window, B packed once (not timed) and each step's rows on
    // one thread per half of the streams, as the window pass splits them.
    static void Time(ComputeContext compute, string name, int m, int k, int n, bool transA, int calls = 1, bool matVec = false,
        bool transB = false, bool packed = false)
    {
        var rng = new Random(1);
        float[] x = Fill(m * k, rng), w = Fill(k * n, rng), y = new float[m * n], panels = new float[Kernels.PackedLength(k, n)];
        Kernels.Pack(w, n, panels, k, n);
        var steps = new StepRows(x, panels, y, m, k, n, calls);
        void Once()
        {
            if (packed) { compute.Run(steps); return; }
            for (int c = 0; c < calls; c++)
                if (matVec) Kernels.MatVecPacked(x, panels, y, k, n, true);
                else if (transA) Kernels.MatMulTransA(x, w, y, m, k, n, true, compute);
                else if (transB) Kernels.MatMulTransB(x, w, y, m, k, n, true, compute);
                else Kernels.MatMul(x, w, y, m, k, n, true, compute);
        }
        for (int i = 0; i < 3; i++) Once();
        var times = new List<double>();
        var sw = new Stopwatch();
        int reps = Math.Max(5, (int)(2e8 / ((double)m * k * n * calls)));
        for (int i = 0; i < reps; i++) { sw.Restart(); Once(); times.Add(sw.Elapsed.TotalSeconds); }
        times.Sort();
        double med = times[times.Count / 2];
        // Best of the repeats too: on a shared machine it is the least disturbed run.
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}  {1,5}x{2,5}x{3,5} x{4,3}  {5,9:F3} ms  {6,7:F1} GFLOP/s  (best {7,7:F1})",
            name, m, k, n, calls, med * 1e3, 2.0 * m * k * n * calls / med / 1e9, 2.0 * m * k * n * calls / times[0] / 1e9));
    }

    sealed class StepRows(float[] x, float[] panels, float[] y, int m, int k, int n, int calls) : ITeamWork
    {
        public void Run(int thread, int threads)
        {
            int per = (m + threads - 1) / threads, r0 = Math.Min(m, thread * per), r1 = Math.Min(m, r0 + per);
            for (int c = 0; c < calls; c++)
            {
                Kernels.MatMulPacked(x.AsSpan(r0 * k), k, panels, y.AsSpan(r0 * n), n, r1 - r0, k, n, true);
                Team.Sync(threads);
            }
        }
    }

    static void TimePack(string name, int rows, int cols)
    {
        float[] x = Fill(rows * cols, new Random(1)), packed = new float[Kernels.PackedLength(cols, rows)];
        var times = new List<double>();
        var sw = new Stopwatch();
        for (int i = 0; i < 30; i++) { sw.Restart(); Kernels.PackTransposed(x, cols, packed, cols, rows); times.Add(sw.Elapsed.TotalSeconds); }
        times.Sort();
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}T {1,5}x{2,5}         {3,9:F3} ms  (best {4:F3} ms)", name, rows, cols, times[15] * 1e3, times[0] * 1e3));
    }

    static float[] Fill(int n, Random rng) => Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
}
