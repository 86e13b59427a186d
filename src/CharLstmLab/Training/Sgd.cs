using System.Numerics.Tensors;
using CharLstmLab.Model;

namespace CharLstmLab.Training;

/// <summary>w -= alpha * g.</summary>
public sealed class Sgd(IReadOnlyList<Parameter> parameters) : Optimizer(parameters, 0)
{
    public override OptimizerKind Kind => OptimizerKind.Sgd;
    protected internal override void Update(int index, int start, Span<float> w, ReadOnlySpan<float> g, float lr) =>
        TensorPrimitives.MultiplyAdd(g, -lr, w, w);
}
