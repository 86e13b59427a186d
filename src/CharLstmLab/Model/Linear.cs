using System.Runtime.CompilerServices;
using CharLstmLab.Compute;

namespace CharLstmLab.Model;

/// <summary>
/// A linear layer over a batch of rows, y = bias + x W (W stored [in x out]), forward beside backward.
/// The model's decoder is one; each LSTM layer above the first uses one for its input product.
/// </summary>
public sealed class Linear(Parameter weight, Parameter bias)
{
    public Parameter Weight { get; } = weight;
    public Parameter Bias { get; } = bias;

    /// <summary>y[rows x out] = bias + x[rows x in] W.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Forward(ReadOnlySpan<float> x, Span<float> y, int rows, ComputeContext? compute = null)
    {
        Kernels.Broadcast(Bias.Value, y, rows);
        Kernels.MatMul(x, Weight.Value, y, rows, Weight.Rows, Weight.Cols, accumulate: true, compute);
    }

    /// <summary>
    /// Given dy = dLoss/dy: dW += x^T dy, dBias += the column sums of dy, and dx = dy W^T.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx, int rows, ComputeContext? compute = null)
    {
        int input = Weight.Rows, output = Weight.Cols;
        Kernels.MatMulTransA(x, dy, Weight.Grad, input, rows, output, accumulate: true, compute);
        Kernels.AddColumnSums(dy, Bias.Grad, rows, compute);
        Kernels.MatMulTransB(dy, Weight.Value, dx, rows, output, input, accumulate: false, compute);
    }
}
