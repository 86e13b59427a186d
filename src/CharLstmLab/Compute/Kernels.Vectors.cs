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

    /// <summary>sum[n] += the column sums of x[rows x n], adding rows in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddColumnSums(ReadOnlySpan<float> x, Span<float> sum, int rows)
    {
        int n = sum.Length;
        for (int r = 0; r < rows; r++) TensorPrimitives.Add(sum, x.Slice(r * n, n), sum);
    }
}
