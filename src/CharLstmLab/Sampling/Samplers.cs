using System.Runtime.CompilerServices;
using CharLstmLab.Model;

namespace CharLstmLab.Sampling;

/// <summary>
/// Picks the next character from the model's logits. Implementations write the distribution they
/// draw from into <c>probs</c> so a caller can inspect (and chart) every step.
/// </summary>
public interface ISampler
{
    string Name { get; }
    int Sample(ReadOnlySpan<float> logits, Span<float> probs, Random rng);
}

/// <summary>Always the most likely character (the article's <c>np.argmax</c>); ties go to the lowest id. Uses no randomness.</summary>
public sealed class GreedySampler : ISampler
{
    public string Name => "greedy";

    public int Sample(ReadOnlySpan<float> logits, Span<float> probs, Random rng)
    {
        Softmax.Probabilities(logits, probs);
        return ArgMax(logits);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}

/// <summary>softmax(logits / T), then one draw with exactly those probabilities (the article's <c>softmax_sample</c>).</summary>
public sealed class TemperatureSampler : ISampler
{
    public TemperatureSampler(double temperature)
    {
        Temperature = CheckTemperature(temperature);
    }

    public double Temperature { get; }
    public string Name => $"temperature {Temperature:0.###}";

    public int Sample(ReadOnlySpan<float> logits, Span<float> probs, Random rng)
    {
        Softmax.Probabilities(logits, probs, (float)Temperature);
        return Categorical.Draw(probs, rng);
    }

    internal static double CheckTemperature(double t) =>
        t > 0 && double.IsFinite(t) ? t : throw new LabException($"The temperature must be a positive number, but it is {t}.");
}

/// <summary>Keeps the k most likely characters (ties broken by lower id), renormalizes, then draws.</summary>
public sealed class TopKSampler : ISampler
{
    int[] order = [];

    public TopKSampler(int k, double temperature = 1.0)
    {
        if (k <= 0) throw new LabException($"k for top-k sampling must be 1 or more, but it is {k}.");
        K = k;
        Temperature = TemperatureSampler.CheckTemperature(temperature);
    }

    public int K { get; }
    public double Temperature { get; }
    public string Name => $"top-k {K} (T={Temperature:0.###})";

    public int Sample(ReadOnlySpan<float> logits, Span<float> probs, Random rng)
    {
        Softmax.Probabilities(logits, probs, (float)Temperature);
        if (K < probs.Length) Truncate.KeepFirst(probs, Truncate.ByProbability(probs, ref order), K);
        return Categorical.Draw(probs, rng);
    }
}

/// <summary>Nucleus sampling: keeps the smallest set of most likely characters whose probability reaches p, renormalizes, then draws.</summary>
public sealed class TopPSampler : ISampler
{
    int[] order = [];

    public TopPSampler(double p, double temperature = 1.0)
    {
        if (!(p > 0 && p <= 1)) throw new LabException($"p for top-p sampling must be in (0, 1], but it is {p}.");
        P = p;
        Temperature = TemperatureSampler.CheckTemperature(temperature);
    }

    public double P { get; }
    public double Temperature { get; }
    public string Name => $"top-p {P:0.###} (T={Temperature:0.###})";

    public int Sample(ReadOnlySpan<float> logits, Span<float> probs, Random rng)
    {
        Softmax.Probabilities(logits, probs, (float)Temperature);
        var sorted = Truncate.ByProbability(probs, ref order);
        double cumulative = 0;
        int keep = 0;
        while (keep < sorted.Length && cumulative < P) cumulative += probs[sorted[keep++]];
        Truncate.KeepFirst(probs, sorted, keep);
        return Categorical.Draw(probs, rng);
    }
}

static class Truncate
{
    /// <summary>Ids sorted by descending probability, ties by ascending id.</summary>
    public static ReadOnlySpan<int> ByProbability(ReadOnlySpan<float> probs, ref int[] order)
    {
        if (order.Length != probs.Length) order = new int[probs.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        var p = probs.ToArray();
        Array.Sort(order, (a, b) => p[a] != p[b] ? p[b].CompareTo(p[a]) : a.CompareTo(b));
        return order;
    }

    /// <summary>Zeroes every id after the first <paramref name="keep"/> of <paramref name="sorted"/> and renormalizes.</summary>
    public static void KeepFirst(Span<float> probs, ReadOnlySpan<int> sorted, int keep)
    {
        double kept = 0;
        for (int i = 0; i < keep; i++) kept += probs[sorted[i]];
        for (int i = keep; i < sorted.Length; i++) probs[sorted[i]] = 0;
        for (int i = 0; i < keep; i++) probs[sorted[i]] = (float)(probs[sorted[i]] / kept);
    }
}

/// <summary>One draw from a discrete distribution by inverting its cumulative sum, as numpy's <c>choice(len(p), p=p)</c> does.</summary>
public static class Categorical
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Draw(ReadOnlySpan<float> probs, Random rng)
    {
        double total = 0;
        foreach (float p in probs) total += p;
        if (!(total > 0) || !double.IsFinite(total)) throw new LabException("Cannot sample: the probabilities are not a valid distribution (NaN, infinite or all zero).");
        double u = rng.NextDouble() * total, cumulative = 0;
        int last = 0;
        for (int i = 0; i < probs.Length; i++)
        {
            if (probs[i] <= 0) continue;
            cumulative += probs[i];
            last = i;
            if (u < cumulative) return i;
        }
        return last; // u landed past the last bucket through rounding
    }
}

public enum SamplerKind { Greedy, Temperature, TopK, TopP }

/// <summary>Which sampler to use and its knobs, as a setting that can be saved with a run.</summary>
public sealed record SamplerSettings(SamplerKind Kind = SamplerKind.Temperature, double Temperature = 0.8, int TopK = 10, double TopP = 0.9)
{
    public ISampler Create() => Kind switch
    {
        SamplerKind.Greedy => new GreedySampler(),
        SamplerKind.Temperature => new TemperatureSampler(Temperature),
        SamplerKind.TopK => new TopKSampler(TopK, Temperature),
        SamplerKind.TopP => new TopPSampler(TopP, Temperature),
        _ => throw new LabException($"Unknown sampler '{Kind}'."),
    };
}
