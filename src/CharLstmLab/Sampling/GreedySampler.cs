using System.Runtime.CompilerServices;
using CharLstmLab.Model;

namespace CharLstmLab.Sampling;

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
