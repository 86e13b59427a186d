using CharLstmLab.Model;

namespace CharLstmLab.Training;

public static class Evaluator
{
    /// <summary>
    /// Mean cross-entropy (nats per character) of predicting text[i+1] from text[0..i], reading
    /// the text once as a single stream from the zero state.
    /// </summary>
    public static double MeanCrossEntropy(CharLstm model, ReadOnlySpan<int> text, CancellationToken cancel = default)
    {
        if (text.Length < 2) throw new LabException("Scoring needs a text of at least two characters.");
        var stepper = new Stepper(model);
        var logits = new float[model.Shape.VocabSize];
        var probs = new float[model.Shape.VocabSize];
        double total = 0;
        for (int i = 0; i + 1 < text.Length; i++)
        {
            if ((i & 1023) == 0) cancel.ThrowIfCancellationRequested(); // a long text takes minutes; Ctrl+C should not
            stepper.Step(text[i], logits);
            total += Softmax.CrossEntropy(logits, probs, text[i + 1]);
        }
        return total / (text.Length - 1);
    }
}
