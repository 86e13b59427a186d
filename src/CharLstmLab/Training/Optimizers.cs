using System.Numerics.Tensors;
using CharLstmLab.Model;

namespace CharLstmLab.Training;

/// <summary>Updates parameters from their gradients. State (if any) is one buffer per parameter per slot, saved in checkpoints.</summary>
public abstract class Optimizer
{
    protected Optimizer(IReadOnlyList<Parameter> parameters, int slots)
    {
        Parameters = parameters;
        State = Enumerable.Range(0, slots).SelectMany(_ => parameters.Select(p => new float[p.Length])).ToArray();
    }

    public IReadOnlyList<Parameter> Parameters { get; }
    /// <summary>Slot s of parameter i is State[s * Parameters.Count + i].</summary>
    public float[][] State { get; }
    public long Steps { get; set; }
    public abstract OptimizerKind Kind { get; }

    public void Step(float lr)
    {
        Steps++;
        for (int i = 0; i < Parameters.Count; i++) Update(i, Parameters[i].Value, Parameters[i].Grad, lr);
    }

    /// <summary>
    /// Scales every gradient by <paramref name="clipScale"/> (global-norm clipping; 1 leaves them
    /// alone), then updates. An optimizer may fuse the two into one pass over the parameters.
    /// </summary>
    public virtual void Step(float lr, float clipScale, ParameterSweep sweep)
    {
        GradientClipping.Scale(Parameters, clipScale);
        Step(lr);
    }

    protected abstract void Update(int index, Span<float> w, ReadOnlySpan<float> g, float lr);
    protected Span<float> Slot(int slot, int index) => State[slot * Parameters.Count + index];

    /// <summary>State buffers per parameter, known before any is allocated (checkpoint checks, memory budget).</summary>
    public static int SlotsPerParameter(OptimizerKind kind) => kind switch
    {
        OptimizerKind.Sgd => 0,
        OptimizerKind.Momentum or OptimizerKind.Adagrad => 1,
        OptimizerKind.Adam => 2,
        _ => throw new LabException($"Unknown optimizer '{kind}'."),
    };

    public static Optimizer Create(OptimizerKind kind, IReadOnlyList<Parameter> parameters) => kind switch
    {
        OptimizerKind.Sgd => new Sgd(parameters),
        OptimizerKind.Momentum => new MomentumSgd(parameters),
        OptimizerKind.Adagrad => new Adagrad(parameters),
        OptimizerKind.Adam => new Adam(parameters),
        _ => throw new LabException($"Unknown optimizer '{kind}'."),
    };
}

/// <summary>w -= alpha * g.</summary>
public sealed class Sgd(IReadOnlyList<Parameter> parameters) : Optimizer(parameters, 0)
{
    public override OptimizerKind Kind => OptimizerKind.Sgd;
    protected override void Update(int index, Span<float> w, ReadOnlySpan<float> g, float lr) => TensorPrimitives.MultiplyAdd(g, -lr, w, w);

    /// <summary>Clip and update in one pass over each chunk, on the kernel team: the same element operations as scaling, then <see cref="Update"/>.</summary>
    public override void Step(float lr, float clipScale, ParameterSweep sweep)
    {
        Steps++;
        sweep.ScaleAndSgd(clipScale, lr);
    }
}

/// <summary>v = mu * v + g; w -= alpha * v (mu = 0.9).</summary>
public sealed class MomentumSgd(IReadOnlyList<Parameter> parameters) : Optimizer(parameters, 1)
{
    public const float Mu = 0.9f;
    public override OptimizerKind Kind => OptimizerKind.Momentum;

    protected override void Update(int index, Span<float> w, ReadOnlySpan<float> g, float lr)
    {
        var v = Slot(0, index);
        TensorPrimitives.MultiplyAdd(v, Mu, g, v);
        TensorPrimitives.MultiplyAdd(v, -lr, w, w);
    }
}

/// <summary>min-char-rnn's optimizer: m += g^2; w -= alpha * g / sqrt(m + 1e-8).</summary>
public sealed class Adagrad(IReadOnlyList<Parameter> parameters) : Optimizer(parameters, 1)
{
    public override OptimizerKind Kind => OptimizerKind.Adagrad;

    protected override void Update(int index, Span<float> w, ReadOnlySpan<float> g, float lr)
    {
        var m = Slot(0, index);
        for (int j = 0; j < w.Length; j++)
        {
            m[j] += g[j] * g[j];
            w[j] -= lr * g[j] / MathF.Sqrt(m[j] + 1e-8f);
        }
    }
}

/// <summary>Adam with beta1 = 0.9, beta2 = 0.999, eps = 1e-8 and bias correction.</summary>
public sealed class Adam(IReadOnlyList<Parameter> parameters) : Optimizer(parameters, 2)
{
    const float Beta1 = 0.9f, Beta2 = 0.999f, Eps = 1e-8f;
    public override OptimizerKind Kind => OptimizerKind.Adam;

    protected override void Update(int index, Span<float> w, ReadOnlySpan<float> g, float lr)
    {
        var m = Slot(0, index);
        var v = Slot(1, index);
        float c1 = 1f / (1f - MathF.Pow(Beta1, Steps)), c2 = 1f / (1f - MathF.Pow(Beta2, Steps));
        for (int j = 0; j < w.Length; j++)
        {
            m[j] = Beta1 * m[j] + (1 - Beta1) * g[j];
            v[j] = Beta2 * v[j] + (1 - Beta2) * g[j] * g[j];
            w[j] -= lr * (m[j] * c1) / (MathF.Sqrt(v[j] * c2) + Eps);
        }
    }
}

public static class GradientClipping
{
    /// <summary>
    /// The L2 norm of all gradients taken together: float sums of squares per fixed chunk, added
    /// in double in order (the same number <see cref="ParameterSweep.GradNorm"/> gets on any thread count).
    /// </summary>
    public static double GlobalNorm(IReadOnlyList<Parameter> parameters)
    {
        double sum = 0;
        foreach (var (p, start, length) in ParameterSweep.Chunks(parameters))
            sum += TensorPrimitives.SumOfSquares(parameters[p].Grad.AsSpan(start, length));
        return Math.Sqrt(sum);
    }

    /// <summary>The largest |gradient element| of any parameter: an element clip at c changes something only when this exceeds c.</summary>
    public static double MaxElement(IReadOnlyList<Parameter> parameters)
    {
        float max = 0;
        foreach (var p in parameters) max = Math.Max(max, Math.Abs(TensorPrimitives.MaxMagnitude<float>(p.Grad)));
        return max;
    }

    /// <summary>Every gradient element clamped to [-c, c].</summary>
    public static void ByValue(IReadOnlyList<Parameter> parameters, float c)
    {
        for (int i = 0; i < parameters.Count; i++)
        {
            var g = parameters[i].Grad;
            TensorPrimitives.Min(g, c, g);
            TensorPrimitives.Max(g, -c, g);
        }
    }

    /// <summary>All gradients scaled by maxNorm / norm when norm exceeds maxNorm.</summary>
    public static void ByNorm(IReadOnlyList<Parameter> parameters, double norm, double maxNorm) => Scale(parameters, NormScale(norm, maxNorm));

    /// <summary>The factor that brings a gradient of this norm down to maxNorm; 1 when it is already within.</summary>
    public static float NormScale(double norm, double maxNorm) => norm > maxNorm ? (float)(maxNorm / norm) : 1f;

    /// <summary>Every gradient multiplied by scale (nothing to do when it is 1).</summary>
    public static void Scale(IReadOnlyList<Parameter> parameters, float scale)
    {
        if (scale == 1f) return;
        for (int i = 0; i < parameters.Count; i++) TensorPrimitives.Multiply(parameters[i].Grad, scale, parameters[i].Grad);
    }
}
