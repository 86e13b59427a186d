using CharLstmLab.Compute;
using CharLstmLab.Model;
using CharLstmLab.Text;

namespace CharLstmLab.Sampling;

/// <summary>
/// Generates text: the prompt warms the hidden state up from zero, then the sampler picks each
/// next character and feeds it back. A one-character prompt such as "#" is the cold start.
/// <paramref name="compute"/>: threads for the products of each step (worth it for large models); the text does not depend on it.
/// </summary>
public sealed class TextGenerator(CharLstm model, Vocabulary vocabulary, ComputeContext? compute = null)
{
    public Generation Generate(string prompt, int length, ISampler sampler, Random rng, bool recordSteps = false)
    {
        var text = new char[Math.Max(length, 0)];
        var steps = recordSteps ? new List<GenerationStep>(text.Length) : null;
        foreach (var (i, chosen, probs) in Draw(prompt, length, sampler, rng))
        {
            text[i] = chosen;
            steps?.Add(new GenerationStep((int)i, chosen, probs.ToArray()));
        }
        return new Generation(prompt, new string(text), (IReadOnlyList<GenerationStep>?)steps ?? []);
    }

    /// <summary>
    /// The generated characters one by one, each as soon as it is drawn, so a caller can write a
    /// text far too long to hold (the prompt is not repeated). Checks its arguments before the first.
    /// </summary>
    public IEnumerable<char> Stream(string prompt, long length, ISampler sampler, Random rng) =>
        Draw(prompt, length, sampler, rng).Select(step => step.Chosen);

    IEnumerable<(long Position, char Chosen, float[] Probabilities)> Draw(string prompt, long length, ISampler sampler, Random rng)
    {
        if (string.IsNullOrEmpty(prompt)) throw new LabException("The prompt must hold at least one character (for a cold start use \"#\").");
        if (length < 0) throw new LabException($"The sample length must be zero or more, but it is {length}.");
        return Steps(vocabulary.Encode(prompt), length, sampler, rng);
    }

    /// <summary>Warm-up on the prompt, then draw and feed back; the probabilities array is reused, so callers copy what they keep.</summary>
    IEnumerable<(long Position, char Chosen, float[] Probabilities)> Steps(int[] promptIds, long length, ISampler sampler, Random rng)
    {
        var stepper = new Stepper(model, compute);
        var logits = new float[vocabulary.Size];
        var probs = new float[vocabulary.Size];
        foreach (int id in promptIds) stepper.Step(id, logits);
        for (long i = 0; i < length; i++)
        {
            int next = sampler.Sample(logits, probs, rng);
            yield return (i, vocabulary[next], probs);
            if (i + 1 < length) stepper.Step(next, logits);
        }
    }
}
