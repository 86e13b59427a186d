using CharLstmLab.Model;

namespace CharLstmLab.Sampling;

/// <summary>
/// softmax(logits / T), then only the most likely characters are kept (ties broken by lower id),
/// renormalized, and one is drawn. Top-k and top-p differ only in how many they keep.
/// </summary>
public abstract class TruncatedSampler : ISampler
{
    int[] order = [];

    protected TruncatedSampler(double temperature)
    {
        Temperature = TemperatureSampler.CheckTemperature(temperature);
    }

    public double Temperature { get; }
    public abstract string Name { get; }

    /// <summary>True when the rule keeps every one of <paramref name="count"/> characters, so nothing is sorted or renormalized.</summary>
    protected virtual bool KeepsAll(int count) => false;

    /// <summary>How many of the characters, sorted by descending probability, to keep.</summary>
    protected abstract int Keep(ReadOnlySpan<float> probs, ReadOnlySpan<int> sorted);

    public int Sample(ReadOnlySpan<float> logits, Span<float> probs, Random rng)
    {
        Softmax.Probabilities(logits, probs, (float)Temperature);
        if (!KeepsAll(probs.Length))
        {
            var sorted = ByProbability(probs);
            KeepFirst(probs, sorted, Keep(probs, sorted));
        }
        return Categorical.Draw(probs, rng);
    }

    /// <summary>Ids sorted by descending probability, ties by ascending id.</summary>
    ReadOnlySpan<int> ByProbability(ReadOnlySpan<float> probs)
    {
        if (order.Length != probs.Length) order = new int[probs.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        var p = probs.ToArray();
        Array.Sort(order, (a, b) => p[a] != p[b] ? p[b].CompareTo(p[a]) : a.CompareTo(b));
        return order;
    }

    /// <summary>Zeroes every id after the first <paramref name="keep"/> of <paramref name="sorted"/> and renormalizes.</summary>
    static void KeepFirst(Span<float> probs, ReadOnlySpan<int> sorted, int keep)
    {
        double kept = 0;
        for (int i = 0; i < keep; i++) kept += probs[sorted[i]];
        for (int i = keep; i < sorted.Length; i++) probs[sorted[i]] = 0;
        for (int i = 0; i < keep; i++) probs[sorted[i]] = (float)(probs[sorted[i]] / kept);
    }
}
