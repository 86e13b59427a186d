using System.Runtime.CompilerServices;
using CharLstmLab.Compute;
using CharLstmLab.Model;

namespace CharLstmLab.Training;

/// <summary>Updates parameters from their gradients. State (if any) is one buffer per parameter per slot, saved in checkpoints.</summary>
public abstract class Optimizer
{
    readonly ParameterPasses passes;

    protected Optimizer(IReadOnlyList<Parameter> parameters, int slots)
    {
        Parameters = parameters;
        passes = new ParameterPasses(parameters);
        State = Enumerable.Range(0, slots).SelectMany(_ => parameters.Select(p => new float[p.Length])).ToArray();
    }

    public IReadOnlyList<Parameter> Parameters { get; }
    /// <summary>Slot s of parameter i is State[s * Parameters.Count + i].</summary>
    public float[][] State { get; }
    public long Steps { get; set; }
    public abstract OptimizerKind Kind { get; }

    /// <summary>
    /// One update of every parameter from its gradient, after scaling the gradients by
    /// <paramref name="clipScale"/> (global-norm clipping; 1 leaves them alone), on
    /// <paramref name="compute"/>'s threads (the caller's alone without one).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Step(float lr, float clipScale = 1f, ComputeContext? compute = null)
    {
        Steps++;
        passes.Update(this, clipScale, lr, compute ?? ComputeContext.Serial);
    }

    /// <summary>
    /// The update rule on one run of a parameter's elements, [start, start + w.Length): element-wise,
    /// so a parameter updated in chunks gets the same numbers as in one piece.
    /// </summary>
    protected internal abstract void Update(int index, int start, Span<float> w, ReadOnlySpan<float> g, float lr);

    /// <summary>Optimizer state slot <paramref name="slot"/> of parameter <paramref name="index"/>, the elements matching w.</summary>
    protected Span<float> Slot(int slot, int index, int start, int length) => State[slot * Parameters.Count + index].AsSpan(start, length);

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
