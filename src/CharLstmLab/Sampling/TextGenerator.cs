using CharLstmLab.Model;
using CharLstmLab.Text;

namespace CharLstmLab.Sampling;

/// <summary>The distribution the sampler drew from at one generated position, and what it picked.</summary>
public sealed record GenerationStep(int Position, char Chosen, float[] Probabilities);

public sealed record Generation(string Prompt, string Text, IReadOnlyList<GenerationStep> Steps)
{
    public override string ToString() => Prompt + Text;
}

/// <summary>
/// Generates text: the prompt warms the hidden state up from zero, then the sampler picks each
/// next character and feeds it back. A one-character prompt such as "#" is the cold start.
/// </summary>
public sealed class TextGenerator(CharLstm model, Vocabulary vocabulary)
{
    public Generation Generate(string prompt, int length, ISampler sampler, Random rng, bool recordSteps = false)
    {
        if (string.IsNullOrEmpty(prompt)) throw new LabException("The prompt must hold at least one character (for a cold start use \"#\").");
        if (length < 0) throw new LabException($"The sample length must be zero or more, but it is {length}.");
        int[] promptIds = vocabulary.Encode(prompt);
        var stepper = new Stepper(model);
        var logits = new float[vocabulary.Size];
        var probs = new float[vocabulary.Size];
        foreach (int id in promptIds) stepper.Step(id, logits);

        var text = new char[length];
        var steps = recordSteps ? new List<GenerationStep>(length) : null;
        for (int i = 0; i < length; i++)
        {
            int next = sampler.Sample(logits, probs, rng);
            text[i] = vocabulary[next];
            steps?.Add(new GenerationStep(i, text[i], probs.ToArray()));
            if (i + 1 < length) stepper.Step(next, logits);
        }
        return new Generation(prompt, new string(text), (IReadOnlyList<GenerationStep>?)steps ?? []);
    }
}
