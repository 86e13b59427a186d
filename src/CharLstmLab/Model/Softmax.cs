using System.Numerics.Tensors;

namespace CharLstmLab.Model;

public static class Softmax
{
    /// <summary>probs = softmax(logits / temperature), computed stably (max subtracted first).</summary>
    public static void Probabilities(ReadOnlySpan<float> logits, Span<float> probs, float temperature = 1f)
    {
        if (temperature == 1f) logits.CopyTo(probs);
        else TensorPrimitives.Divide(logits, temperature, probs);
        float max = TensorPrimitives.Max(probs);
        TensorPrimitives.Subtract(probs, max, probs);
        TensorPrimitives.Exp(probs, probs);
        TensorPrimitives.Divide(probs, TensorPrimitives.Sum(probs), probs);
    }

    /// <summary>Writes softmax(logits) to probs and returns -ln p[target] in nats, via log-sum-exp so it never takes ln 0.</summary>
    public static double CrossEntropy(ReadOnlySpan<float> logits, Span<float> probs, int target)
    {
        float max = TensorPrimitives.Max(logits);
        TensorPrimitives.Subtract(logits, max, probs);
        TensorPrimitives.Exp(probs, probs);
        float sum = TensorPrimitives.Sum(probs);
        TensorPrimitives.Divide(probs, sum, probs);
        return Math.Log(sum) + max - logits[target];
    }
}
