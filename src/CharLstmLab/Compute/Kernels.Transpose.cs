using System.Runtime.CompilerServices;

namespace CharLstmLab.Compute;

public static unsafe partial class Kernels
{
    /// <summary>
    /// dst[cols x rows] = src[rows x cols] transposed (in 16 x 16 tiles). Large ones (a weight
    /// transposed once per step, megabytes at H = 512) are split over <paramref name="compute"/>'s
    /// threads by source columns, so each thread writes whole rows of dst.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Transpose(ReadOnlySpan<float> src, Span<float> dst, int rows, int cols, ComputeContext? compute = null)
    {
        if (src.Length < rows * cols || dst.Length < rows * cols) throw new ArgumentException("Matrix buffers are smaller than their shapes.");
        fixed (float* ps = src, pd = dst)
        {
            int threads = compute?.Threads ?? 1;
            if (threads <= 1 || (long)rows * cols < ParallelTranspose) { TransposeBlock(ps, pd, rows, cols, 0, cols); return; }
            var work = transposeWork ??= new TransposeWork();
            work.Src = ps; work.Dst = pd; work.Rows = rows; work.Cols = cols;
            Team.Run(work, threads);
        }
    }

    const long ParallelTranspose = 1 << 16; // elements; below this a wake-up costs more than half the copy

    [ThreadStatic] static TransposeWork? transposeWork;

    sealed class TransposeWork : ITeamWork
    {
        public float* Src, Dst;
        public int Rows, Cols;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int thread, int threads)
        {
            int per = (Cols + threads - 1) / threads, c0 = Math.Min(Cols, thread * per), c1 = Math.Min(Cols, c0 + per);
            TransposeBlock(Src, Dst, Rows, Cols, c0, c1);
        }
    }

    // Source columns [c0, c1) = destination rows [c0, c1).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void TransposeBlock(float* src, float* dst, int rows, int cols, int c0, int c1)
    {
        const int tile = 16;
        for (int cb = c0; cb < c1; cb += tile)
            for (int rb = 0; rb < rows; rb += tile)
            {
                int re = Math.Min(rows, rb + tile), ce = Math.Min(c1, cb + tile);
                for (int r = rb; r < re; r++)
                {
                    float* from = src + (long)r * cols;
                    for (int c = cb; c < ce; c++) dst[(long)c * rows + r] = from[c];
                }
            }
    }
}
