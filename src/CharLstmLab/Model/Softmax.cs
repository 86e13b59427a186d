using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CharLstmLab.Model;

public static class Softmax
{
    /// <summary>probs = softmax(logits / temperature), computed stably (max subtracted first).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Probabilities(ReadOnlySpan<float> logits, Span<float> probs, float temperature = 1f)
    {
        if (probs.Length < logits.Length) throw new ArgumentException("The probability buffer is shorter than the logits.");
        if (temperature == 1f) { Normalize(logits, probs); return; }
        int n = logits.Length, j = 0;
        var t = Vector512.Create(temperature);
        for (; j + 16 <= n; j += 16) (Vector512.Create(logits.Slice(j, 16)) / t).CopyTo(probs.Slice(j, 16));
        for (; j < n; j++) probs[j] = logits[j] / temperature;
        Normalize(probs[..n], probs);
    }

    /// <summary>Writes softmax(logits) to probs and returns -ln p[target] in nats, via log-sum-exp so it never takes ln 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double CrossEntropy(ReadOnlySpan<float> logits, Span<float> probs, int target)
    {
        if (probs.Length < logits.Length) throw new ArgumentException("The probability buffer is shorter than the logits.");
        var (max, sum) = Normalize(logits, probs);
        return Math.Log(sum) + max - logits[target];
    }

    // probs = exp(x - max) / sum, returning the max and the sum: max, exp and sum in 16-lane vectors,
    // the ragged end through a padded copy. Written out rather than through TensorPrimitives so a
    // sampling step runs no library code that starts life unoptimized (the README's "Speed"); x and
    // probs may be the same buffer.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static (float Max, float Sum) Normalize(ReadOnlySpan<float> x, Span<float> probs)
    {
        int n = x.Length, full = n & ~15;
        Span<float> pad = stackalloc float[16];
        var vmax = Vector512.Create(float.NegativeInfinity);
        for (int j = 0; j < full; j += 16) vmax = Vector512.Max(vmax, Vector512.Create(x.Slice(j, 16)));
        if (full < n) vmax = Vector512.Max(vmax, Tail(x, full, pad, float.NegativeInfinity));
        float max = vmax.GetElement(0);
        for (int j = 1; j < 16; j++) max = MathF.Max(max, vmax.GetElement(j));
        var vm = Vector512.Create(max);
        var vsum = Vector512<float>.Zero;
        for (int j = 0; j < full; j += 16)
        {
            var e = Vector512.Exp(Vector512.Create(x.Slice(j, 16)) - vm);
            e.CopyTo(probs.Slice(j, 16));
            vsum += e;
        }
        if (full < n)
        {
            // Padding lanes hold -inf, whose exp is 0: they add nothing to the sum.
            var e = Vector512.Exp(Tail(x, full, pad, float.NegativeInfinity) - vm);
            e.CopyTo(pad);
            pad[..(n - full)].CopyTo(probs[full..]);
            vsum += e;
        }
        float sum = Vector512.Sum(vsum);
        var vs = Vector512.Create(sum);
        int k = 0;
        for (; k + 16 <= n; k += 16) (Vector512.Create(probs.Slice(k, 16)) / vs).CopyTo(probs.Slice(k, 16));
        for (; k < n; k++) probs[k] /= sum;
        return (max, sum);
    }

    /// <summary>
    /// The backward of <see cref="CrossEntropy"/>, scaled: dLogits = scale * (probs - onehot(target)).
    /// The gradient of -ln softmax(z)[y] with respect to z is p - onehot(y): every wrong character is
    /// pushed down by its probability, the right one up by 1 - p[y].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CrossEntropyBackward(ReadOnlySpan<float> probs, int target, float scale, Span<float> dLogits)
    {
        int n = probs.Length, j = 0;
        for (; j + 16 <= n; j += 16) (Vector512.Create(probs.Slice(j, 16)) * scale).CopyTo(dLogits.Slice(j, 16));
        for (; j < n; j++) dLogits[j] = probs[j] * scale;
        dLogits[target] -= scale;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static Vector512<float> Tail(ReadOnlySpan<float> x, int from, Span<float> pad, float fill)
    {
        pad.Fill(fill);
        x[from..].CopyTo(pad);
        return Vector512.Create(pad);
    }
}
