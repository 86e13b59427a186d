using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CharLstmLab.Compute;

public static unsafe partial class Kernels
{
    /// <summary>
    /// Floats a B[k x n] takes in panels: n rounded up to whole panels of 64 columns, each panel k
    /// rows of 64 contiguous floats (the columns past n are zeros).
    /// </summary>
    public static int PackedLength(int k, int n) => k * ((n + NR - 1) / NR * NR);

    /// <summary>Where the panel holding column <paramref name="column"/> (a multiple of 64) starts in a packed B with k rows.</summary>
    public static int PanelStart(int k, int column) =>
        column % NR == 0 ? k * column : throw new ArgumentException($"Packed columns start at multiples of {NR}, not at {column}.");

    /// <summary>
    /// Lays B[k x n] (row stride ldb, so it can be a column block of a wider matrix) out in the panels
    /// <see cref="MatMulPacked"/> reads. Worth it for a B that several products use: a weight in every
    /// time step of a window.
    /// </summary>
    public static void Pack(ReadOnlySpan<float> b, int ldb, Span<float> packed, int k, int n) =>
        PackAll(b, ldb, 1, packed, k, n, (k - 1) * (long)ldb + n);

    /// <summary>
    /// The same for B = transpose of bT[n x k] (row stride ldbT): packs W^T without making it, its
    /// panels split over <paramref name="compute"/>'s threads when it is large.
    /// </summary>
    public static void PackTransposed(ReadOnlySpan<float> bT, int ldbT, Span<float> packed, int k, int n, ComputeContext? compute = null) =>
        PackAll(bT, 1, ldbT, packed, k, n, (n - 1) * (long)ldbT + k, compute);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void PackAll(ReadOnlySpan<float> b, long ldb, long bCol, Span<float> packed, int k, int n, long bLength,
        ComputeContext? compute = null)
    {
        if (k == 0 || n == 0) return;
        if (b.Length < bLength || packed.Length < PackedLength(k, n)) throw new ArgumentException("Matrix buffers are smaller than their shapes.");
        fixed (float* pb = b, pp = packed) Share(new PackWork(pb, ldb, bCol, pp, k, n), compute, (long)k * n >= ParallelPack);
    }

    const long ParallelPack = 1 << 16; // elements; below this a wake-up costs more than half the copy

    readonly struct PackWork(float* b, long ldb, long bCol, float* packed, int k, int n) : ITeamWork
    {
        // Panels split evenly over the threads.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int thread, int threads)
        {
            int panels = (n + NR - 1) / NR, per = (panels + threads - 1) / threads;
            int lo = Math.Min(panels, thread * per), hi = Math.Min(panels, lo + per);
            for (int j = lo * NR; j < hi * NR; j += NR) PackPanel(b + j * bCol, ldb, bCol, k, Math.Min(NR, n - j), packed + (long)j * k);
        }
    }

    // One panel: rows q < kc, columns r < nr of B (element (q, r) at b[q * ldb + r * bCol]) into
    // to[q * NR + r], zero from column nr on.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void PackPanel(float* b, long ldb, long bCol, int kc, int nr, float* to)
    {
        if (bCol == 1)
        {
            for (int q = 0; q < kc; q++)
            {
                float* from = b + q * ldb, row = to + q * NR;
                if (nr == NR)
                {
                    Vector512.Store(Vector512.Load(from), row); Vector512.Store(Vector512.Load(from + 16), row + 16);
                    Vector512.Store(Vector512.Load(from + 32), row + 32); Vector512.Store(Vector512.Load(from + 48), row + 48);
                }
                else
                {
                    new ReadOnlySpan<float>(from, nr).CopyTo(new Span<float>(row, nr));
                    new Span<float>(row + nr, NR - nr).Clear();
                }
            }
            return;
        }
        // From a transposed source: column r of the panel is a contiguous row of bT. Sixteen rows of
        // the panel at a time, so the writes stay in 4 KB while each source row is read in one line.
        // Inside, 4 x 4 blocks are transposed in registers.
        const int step = 16;
        for (int q0 = 0; q0 < kc; q0 += step)
        {
            int q1 = Math.Min(kc, q0 + step), r = 0;
            if (Sse.IsSupported && ldb == 1 && q1 - q0 == step)
                for (; r + 4 <= nr; r += 4)
                {
                    float* from = b + r * bCol + q0;
                    for (int q = q0; q < q1; q += 4, from += 4) Transpose4x4(from, bCol, to + q * NR + r);
                }
            for (; r < nr; r++)
            {
                float* from = b + r * bCol;
                for (int q = q0; q < q1; q++) to[q * NR + r] = from[q * ldb];
            }
            if (nr < NR)
                for (int q = q0; q < q1; q++) new Span<float>(to + q * NR + nr, NR - nr).Clear();
        }
    }

    // to[q * NR + r] = from[r * stride + q] for q, r < 4 (the SSE 4 x 4 transpose).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Transpose4x4(float* from, long stride, float* to)
    {
        var v0 = Sse.LoadVector128(from); var v1 = Sse.LoadVector128(from + stride);
        var v2 = Sse.LoadVector128(from + 2 * stride); var v3 = Sse.LoadVector128(from + 3 * stride);
        var t0 = Sse.UnpackLow(v0, v1); var t1 = Sse.UnpackLow(v2, v3);
        var t2 = Sse.UnpackHigh(v0, v1); var t3 = Sse.UnpackHigh(v2, v3);
        Sse.Store(to, Sse.MoveLowToHigh(t0, t1)); Sse.Store(to + NR, Sse.MoveHighToLow(t1, t0));
        Sse.Store(to + 2 * NR, Sse.MoveLowToHigh(t2, t3)); Sse.Store(to + 3 * NR, Sse.MoveHighToLow(t3, t2));
    }
}
