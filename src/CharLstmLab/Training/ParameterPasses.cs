using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using CharLstmLab.Compute;
using CharLstmLab.Model;

namespace CharLstmLab.Training;

/// <summary>
/// The element-wise passes of a training step over every parameter, each written once: zero the
/// gradients, their global norm, scale them, and an optimizer's update. The elements are cut into
/// fixed chunks, the same whatever the thread count, and threads take contiguous runs of chunks
/// (each pass is its own team work object); the norm's partial sums are added in chunk order, so
/// every result is the same for one thread or many.
/// </summary>
public sealed class ParameterPasses
{
    const int ChunkSize = 1 << 14; // 64 KB of floats: a chunk's g stays in L2 between the clip and the update
    readonly Chunk[] chunks;
    readonly double[] sums;
    readonly ZeroGradWork zeroGrad;
    readonly SumOfSquaresWork sumOfSquares;
    readonly UpdateWork update;

    public ParameterPasses(IReadOnlyList<Parameter> parameters)
    {
        Parameters = parameters;
        var list = new List<Chunk>();
        for (int i = 0; i < parameters.Count; i++)
            for (int s = 0; s < parameters[i].Length; s += ChunkSize)
                list.Add(new(i, parameters[i], s, Math.Min(ChunkSize, parameters[i].Length - s)));
        chunks = [.. list];
        sums = new double[chunks.Length];
        zeroGrad = new(chunks);
        sumOfSquares = new(chunks, sums);
        update = new(chunks);
    }

    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Sets every gradient to zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ZeroGrad(ComputeContext compute) => compute.Run(zeroGrad);

    /// <summary>The L2 norm of all gradients together: float sums of squares per chunk, added in double in chunk order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double GlobalNorm(ComputeContext compute)
    {
        compute.Run(sumOfSquares);
        double sum = 0;
        foreach (double s in sums) sum += s;
        return Math.Sqrt(sum);
    }

    /// <summary>Every gradient multiplied by <paramref name="scale"/> (nothing to do when it is 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Scale(float scale, ComputeContext compute)
    {
        if (scale == 1f) return;
        Update(null, scale, 0f, compute);
    }

    /// <summary>
    /// g *= scale (skipped when it is 1; global-norm clipping), then the optimizer's update of that
    /// chunk, chunk by chunk, so g is still in cache when the update reads it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Update(Optimizer? optimizer, float scale, float learningRate, ComputeContext compute)
    {
        update.Optimizer = optimizer;
        update.Scale = scale;
        update.LearningRate = learningRate;
        compute.Run(update);
    }

    readonly record struct Chunk(int Index, Parameter Parameter, int Start, int Length)
    {
        public Span<float> Grad => Parameter.Grad.AsSpan(Start, Length);
        public Span<float> Value => Parameter.Value.AsSpan(Start, Length);
    }

    /// <summary>A pass over the chunks; thread t of n takes the t-th contiguous run of them.</summary>
    abstract class ChunkWork(Chunk[] chunks) : ITeamWork
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int thread, int threads)
        {
            int per = (chunks.Length + threads - 1) / threads;
            int c0 = Math.Min(chunks.Length, thread * per), c1 = Math.Min(chunks.Length, c0 + per);
            for (int c = c0; c < c1; c++) Do(c, chunks[c]);
        }

        protected abstract void Do(int index, Chunk chunk);
    }

    sealed class ZeroGradWork(Chunk[] chunks) : ChunkWork(chunks)
    {
        protected override void Do(int index, Chunk chunk) => chunk.Grad.Clear();
    }

    sealed class SumOfSquaresWork(Chunk[] chunks, double[] sums) : ChunkWork(chunks)
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        protected override void Do(int index, Chunk chunk) => sums[index] = TensorPrimitives.SumOfSquares<float>(chunk.Grad);
    }

    sealed class UpdateWork(Chunk[] chunks) : ChunkWork(chunks)
    {
        public Optimizer? Optimizer;
        public float Scale, LearningRate;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        protected override void Do(int index, Chunk chunk)
        {
            var g = chunk.Grad;
            if (Scale != 1f) TensorPrimitives.Multiply(g, Scale, g);
            Optimizer?.Update(chunk.Index, chunk.Start, chunk.Value, g, LearningRate);
        }
    }
}
