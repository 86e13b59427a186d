using System.Runtime.CompilerServices;
using CharLstmLab.Compute;
using CharLstmLab.Model;

namespace CharLstmLab.Training;

/// <summary>
/// One optimizer step on one window: forward, backward through time, clip, update. This is the
/// <see cref="Trainer"/>'s inner loop on its own, so benchmarks and notebooks time exactly the
/// work training does. It allocates nothing.
/// </summary>
public sealed class WindowStep
{
    readonly CharLstm model;
    readonly Optimizer optimizer;
    readonly double? clipValue, clipNorm;
    readonly ComputeContext compute;
    readonly ParameterPasses passes;

    /// <param name="compute">The threads the step may use; without one, the caller's thread only.</param>
    /// <param name="dropout">Dropout probability (0: off); with it on, every <see cref="Run"/> needs a mask seed.</param>
    public WindowStep(CharLstm model, Optimizer optimizer, int batchSize, int seqLength, double? clipValue, double? clipNorm,
        ComputeContext? compute = null, double dropout = 0)
    {
        this.model = model;
        this.optimizer = optimizer;
        this.clipValue = clipValue;
        this.clipNorm = clipNorm;
        this.compute = compute ?? ComputeContext.Serial;
        Pass = new WindowPass(model, batchSize, seqLength, this.compute);
        if (dropout > 0) Pass.Dropout = new DropoutMasks(dropout, model.Layers.Length, batchSize * seqLength, model.Shape.HiddenSize);
        passes = new ParameterPasses(model.Parameters);
    }

    public WindowPass Pass { get; }

    /// <summary>
    /// Runs the window from <paramref name="state"/> (updated to the window's final state).
    /// Stops before the backward pass if the loss is not finite, and before the update if the
    /// gradient norm is not finite; the caller decides what that means.
    /// </summary>
    /// <param name="dropoutSeed">The window's dropout stream (<see cref="DropoutMasks.WindowSeed"/>); needed only with dropout on.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public WindowStepResult Run(ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, LstmState state, float lr, ulong? dropoutSeed = null)
    {
        if (Pass.Dropout is { } masks)
            masks.Draw(dropoutSeed ?? throw new ArgumentException("A step with dropout needs the window's mask seed.", nameof(dropoutSeed)));
        double loss = Pass.Forward(inputs, targets, state);
        if (!double.IsFinite(loss)) return new(loss, double.NaN);
        passes.ZeroGrad(compute);
        Pass.Backward();
        double norm = passes.GlobalNorm(compute);
        if (!double.IsFinite(norm)) return new(loss, norm);
        double largest = GradientClipping.MaxElement(model.Parameters);
        if (clipValue is { } c) GradientClipping.ByValue(model.Parameters, (float)c);
        optimizer.Step(lr, clipNorm is { } max ? GradientClipping.NormScale(norm, max) : 1f, compute);
        return new(loss, norm, largest);
    }
}
