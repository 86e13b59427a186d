using System.Numerics.Tensors;
using CharLstmLab.Model;

namespace CharLstmLab.Training;

/// <summary>v = mu * v + g; w -= alpha * v (mu = 0.9).</summary>
public sealed class MomentumSgd(IReadOnlyList<Parameter> parameters) : Optimizer(parameters, 1)
{
    public const float Mu = 0.9f;
    public override OptimizerKind Kind => OptimizerKind.Momentum;

    protected internal override void Update(int index, int start, Span<float> w, ReadOnlySpan<float> g, float lr)
    {
        var v = Slot(0, index, start, w.Length);
        TensorPrimitives.MultiplyAdd(v, Mu, g, v);
        TensorPrimitives.MultiplyAdd(v, -lr, w, w);
    }
}
