using System.Runtime.CompilerServices;

namespace CharLstmLab.Sampling;

/// <summary>One draw from a discrete distribution by inverting its cumulative sum, as numpy's <c>choice(len(p), p=p)</c> does.</summary>
public static class Categorical
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Draw(ReadOnlySpan<float> probs, Random rng)
    {
        double total = 0;
        foreach (float p in probs) total += p;
        if (!(total > 0) || !double.IsFinite(total))
            throw new LabException("Cannot sample: the probabilities are not a valid distribution (NaN, infinite or all zero).");
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
