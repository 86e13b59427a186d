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
