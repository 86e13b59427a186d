using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace CharLstmLab.Compute;

public static partial class Kernels
{
    /// <summary>Every row of x[rows x n] set to the vector v.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Broadcast(ReadOnlySpan<float> v, Span<float> x, int rows)
    {
        int n = v.Length;
        for (int r = 0; r < rows; r++) v.CopyTo(x.Slice(r * n, n));
    }

    /// <summary>
    /// sum[n] += the column sums of x[rows x n], adding rows in order; large ones split over
    /// <paramref name="compute"/>'s threads by whole cache lines of columns (the same sums).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void AddColumnSums(ReadOnlySpan<float> x, Span<float> sum, int rows, ComputeContext? compute = null)
    {
        int n = sum.Length;
        if (x.Length < rows * n) throw new ArgumentException("Matrix buffers are smaller than their shapes.");
        fixed (float* px = x, ps = sum) Share(new ColumnSums(px, ps, rows, n), compute, (long)rows * n >= 1 << 16);
    }

    readonly unsafe struct ColumnSums(float* x, float* sum, int rows, int n) : ITeamWork
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int thread, int threads)
        {
            var (c0, width) = LineShare(n, thread, threads);
            if (width == 0) return;
            var s = new Span<float>(sum + c0, width);
            for (int r = 0; r < rows; r++) TensorPrimitives.Add(s, new ReadOnlySpan<float>(x + (long)r * n + c0, width), s);
        }
    }
}
