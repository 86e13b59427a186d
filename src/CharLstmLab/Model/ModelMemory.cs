using System.Globalization;
using CharLstmLab.Files;

namespace CharLstmLab.Model;

/// <summary>
/// Checks that a model fits before anything is allocated (a training run's larger need is
/// Training.MemoryBudget, built on this). Every size is
/// multiplied in checked 64-bit arithmetic, so an absurd setting gives a sentence, not an int
/// overflow that lets a kernel write out of bounds. The estimate counts the large buffers
/// (weights, gradients, optimizer slots and snapshots, the window's activations), not every byte.
/// </summary>
public static class ModelMemory
{
    /// <summary>What the process may use: the machine's memory or the container's limit, whichever is lower.</summary>
    public static long AvailableBytes => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>
    /// Most layers a model may have. Each layer is its own set of arrays, so the count must be
    /// bounded before anything is listed per layer; stacks this deep do not train by plain BPTT anyway.
    /// </summary>
    public const int MaxLayers = 256;

    /// <summary>The model's weight tensors as (name, number of floats), in <see cref="CharLstm.Parameters"/> order.</summary>
    public static List<(string Name, long Floats)> Tensors(ModelShape s)
    {
        RequireLayers(s.Layers);
        long V = s.VocabSize, E = s.EmbeddingSize, H = s.HiddenSize;
        var tensors = new List<(string, long)> { ("embedding", Product(V, E)) };
        for (int l = 0; l < s.Layers; l++)
        {
            long input = l == 0 ? E : H;
            tensors.Add(($"lstm{l}.wx", Product(input, 4, H)));
            tensors.Add(($"lstm{l}.wh", Product(H, 4, H)));
            tensors.Add(($"lstm{l}.bias", Product(4, H)));
        }
        tensors.Add(("output.weight", Product(H, V)));
        tensors.Add(("output.bias", V));
        return tensors;
    }

    /// <summary>A model to load and sample from: weights, gradients (allocated with them) and the sampler's input table.</summary>
    public static void CheckModel(ModelShape s)
    {
        var tensors = Tensors(s);
        var buffers = tensors.Concat(tensors.Select(t => ($"{t.Name}'s gradient", t.Floats))).ToList();
        buffers.Add(("the sampler's input table", Product(s.VocabSize, 4, s.HiddenSize)));
        Require(tensors, buffers, $"A model of V={s.VocabSize} E={s.EmbeddingSize} H={s.HiddenSize} with {s.Layers} layer(s)");
    }

    /// <param name="tensors">The weights, the largest of which the sentence names (the one a user can shrink).</param>
    internal static void RequireLayers(int layers)
    {
        if (layers > MaxLayers) throw new LabException($"The number of layers must be at most {MaxLayers}, but it is {layers}.");
    }

    internal static void Require(List<(string Name, long Floats)> tensors, List<(string Name, long Floats)> buffers, string what)
    {
        var largest = tensors.MaxBy(b => b.Floats);
        long bytes = Product(Sum(buffers.Select(b => b.Floats)), sizeof(float));
        long available = AvailableBytes;
        if (bytes > available)
            throw new LabException(string.Create(CultureInfo.InvariantCulture,
                $"{what} needs about {Bytes.Describe(bytes)} ({Bytes.Describe(Product(largest.Floats, sizeof(float)))} for {largest.Name} alone); " +
                $"at most {Bytes.Describe(available)} fit in this machine's memory."));
        foreach (var (name, floats) in buffers)
            if (floats > Array.MaxLength)
                throw new LabException($"{what} needs {floats:N0} values in {name}, more than the {Array.MaxLength:N0} one array can hold.");
    }

    /// <summary>A product of sizes; anything that overflows 64 bits is reported as too large rather than wrapped.</summary>
    internal static long Product(params ReadOnlySpan<long> factors)
    {
        long p = 1;
        try { foreach (long f in factors) p = checked(p * f); }
        catch (OverflowException) { return long.MaxValue; }
        return p;
    }

    internal static long Sum(IEnumerable<long> values)
    {
        long total = 0;
        foreach (long v in values) total = total > long.MaxValue - v ? long.MaxValue : total + v;
        return total;
    }
}
