using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CharLstmLab.Compute;

public static unsafe partial class Kernels
{
    /// <summary>
    /// y[n] = (accumulate ? y : 0) + x[k] * W where W[k x n] is in the panels of <see cref="Pack"/>:
    /// the sampling step with its weights packed once (a <c>Stepper</c> does it when it is made), so
    /// each product streams contiguous memory. Panels are taken in pairs (eight 16-lane chains keep
    /// both FMA pipes busy) and split over <paramref name="compute"/>'s threads when W is large (a
    /// 4 MB Wh at H = 512 is read once per character; two cores read it from cache about twice as
    /// fast as one). The same chains as <see cref="MatMul"/>, so a step matches a row of a batch bit for bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MatVecPacked(ReadOnlySpan<float> x, ReadOnlySpan<float> packedW, Span<float> y, int k, int n, bool accumulate,
        ComputeContext? compute = null)
    {
        if (n == 0) return;
        Check(x, k, packedW, PackedLength(k, n), y, n);
        fixed (float* px = x, pw = packedW, py = y) Share(new PackedRow(px, pw, py, k, n, accumulate), compute, (long)k * n >= ParallelMatVec);
    }

    const long ParallelMatVec = 1 << 18; // multiply-adds: about 10 microseconds of one core, worth a wake-up

    readonly struct PackedRow(float* x, float* w, float* y, int k, int n, bool accumulate) : ITeamWork
    {
        // Pairs of panels split evenly over the threads; the last, odd panel goes with the last pair.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int thread, int threads)
        {
            int panels = (n + NR - 1) / NR, pairs = panels / 2, per = (pairs + threads - 1) / threads;
            int lo = Math.Min(pairs, thread * per), hi = Math.Min(pairs, lo + per);
            for (int pair = lo; pair < hi; pair++) TwoPanels(2 * pair * NR);
            if (panels % 2 == 1 && thread == threads - 1) OnePanel((panels - 1) * NR);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void TwoPanels(int j)
        {
            int width = Math.Min(2 * NR, n - j);
            if (width == 2 * NR) { Row2x64(x, w + (long)j * k, y + j, k, accumulate); return; }
            float* pad = stackalloc float[2 * NR];
            var yr = new Span<float>(y + j, width);
            if (accumulate) yr.CopyTo(new Span<float>(pad, 2 * NR));
            Row2x64(x, w + (long)j * k, pad, k, accumulate);
            new ReadOnlySpan<float>(pad, width).CopyTo(yr);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void OnePanel(int j)
        {
            int width = n - j;
            float* pad = stackalloc float[NR];
            var yr = new Span<float>(y + j, width);
            if (accumulate) yr.CopyTo(new Span<float>(pad, NR));
            Row64(x, w + (long)j * k, pad, k, accumulate);
            new ReadOnlySpan<float>(pad, width).CopyTo(yr);
        }
    }

    // y[0..128) (+)= x * two consecutive panels (each k x 64).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Row2x64(float* x, float* w, float* y, int k, bool acc)
    {
        Vector512<float> y0, y1, y2, y3, y4, y5, y6, y7;
        if (acc)
        {
            y0 = Vector512.Load(y); y1 = Vector512.Load(y + 16); y2 = Vector512.Load(y + 32); y3 = Vector512.Load(y + 48);
            y4 = Vector512.Load(y + 64); y5 = Vector512.Load(y + 80); y6 = Vector512.Load(y + 96); y7 = Vector512.Load(y + 112);
        }
        else y0 = y1 = y2 = y3 = y4 = y5 = y6 = y7 = Vector512<float>.Zero;
        float* v = w + (long)k * NR;
        for (int q = 0; q < k; q++, w += NR, v += NR)
        {
            var s = Vector512.Create(x[q]);
            y0 = Vector512.FusedMultiplyAdd(s, Vector512.Load(w), y0);
            y1 = Vector512.FusedMultiplyAdd(s, Vector512.Load(w + 16), y1);
            y2 = Vector512.FusedMultiplyAdd(s, Vector512.Load(w + 32), y2);
            y3 = Vector512.FusedMultiplyAdd(s, Vector512.Load(w + 48), y3);
            y4 = Vector512.FusedMultiplyAdd(s, Vector512.Load(v), y4);
            y5 = Vector512.FusedMultiplyAdd(s, Vector512.Load(v + 16), y5);
            y6 = Vector512.FusedMultiplyAdd(s, Vector512.Load(v + 32), y6);
            y7 = Vector512.FusedMultiplyAdd(s, Vector512.Load(v + 48), y7);
        }
        y0.Store(y); y1.Store(y + 16); y2.Store(y + 32); y3.Store(y + 48);
        y4.Store(y + 64); y5.Store(y + 80); y6.Store(y + 96); y7.Store(y + 112);
    }

    // y[0..64) (+)= x * one panel.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Row64(float* x, float* w, float* y, int k, bool acc)
    {
        Vector512<float> y0, y1, y2, y3;
        if (acc) { y0 = Vector512.Load(y); y1 = Vector512.Load(y + 16); y2 = Vector512.Load(y + 32); y3 = Vector512.Load(y + 48); }
        else y0 = y1 = y2 = y3 = Vector512<float>.Zero;
        for (int q = 0; q < k; q++, w += NR)
        {
            var s = Vector512.Create(x[q]);
            y0 = Vector512.FusedMultiplyAdd(s, Vector512.Load(w), y0);
            y1 = Vector512.FusedMultiplyAdd(s, Vector512.Load(w + 16), y1);
            y2 = Vector512.FusedMultiplyAdd(s, Vector512.Load(w + 32), y2);
            y3 = Vector512.FusedMultiplyAdd(s, Vector512.Load(w + 48), y3);
        }
        y0.Store(y); y1.Store(y + 16); y2.Store(y + 32); y3.Store(y + 48);
    }
}
