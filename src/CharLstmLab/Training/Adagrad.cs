using CharLstmLab.Model;

namespace CharLstmLab.Training;

/// <summary>min-char-rnn's optimizer: m += g^2; w -= alpha * g / sqrt(m + 1e-8).</summary>
public sealed class Adagrad(IReadOnlyList<Parameter> parameters) : Optimizer(parameters, 1)
{
    public override OptimizerKind Kind => OptimizerKind.Adagrad;

    protected internal override void Update(int index, int start, Span<float> w, ReadOnlySpan<float> g, float lr)
    {
        var m = Slot(0, index, start, w.Length);
        for (int j = 0; j < w.Length; j++)
        {
            m[j] += g[j] * g[j];
            w[j] -= lr * g[j] / MathF.Sqrt(m[j] + 1e-8f);
        }
    }
}
