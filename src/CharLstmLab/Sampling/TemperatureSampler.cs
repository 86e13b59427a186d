using CharLstmLab.Model;

namespace CharLstmLab.Sampling;

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
