using CharLstmLab.Model;

namespace CharLstmLab.Training;

/// <summary>Adam with beta1 = 0.9, beta2 = 0.999, eps = 1e-8 and bias correction.</summary>
public sealed class Adam(IReadOnlyList<Parameter> parameters) : Optimizer(parameters, 2)
{
    const float Beta1 = 0.9f, Beta2 = 0.999f, Eps = 1e-8f;
    public override OptimizerKind Kind => OptimizerKind.Adam;

    protected internal override void Update(int index, int start, Span<float> w, ReadOnlySpan<float> g, float lr)
    {
        var m = Slot(0, index, start, w.Length);
        var v = Slot(1, index, start, w.Length);
        float c1 = 1f / (1f - MathF.Pow(Beta1, Steps)), c2 = 1f / (1f - MathF.Pow(Beta2, Steps));
        for (int j = 0; j < w.Length; j++)
        {
            m[j] = Beta1 * m[j] + (1 - Beta1) * g[j];
            v[j] = Beta2 * v[j] + (1 - Beta2) * g[j] * g[j];
            w[j] -= lr * (m[j] * c1) / (MathF.Sqrt(v[j] * c2) + Eps);
        }
    }
}
