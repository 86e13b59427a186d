using CharLstmLab.Model;
using static CharLstmLab.Model.ModelMemory;

namespace CharLstmLab.Training;

/// <summary>
/// Checks that a training run fits before anything is allocated: the model (<see cref="ModelMemory"/>),
/// its optimizer slots and snapshots, and the window's activations. Every size is multiplied in
/// checked 64-bit arithmetic, so an absurd setting gives a sentence, not an overflow.
/// </summary>
public static class MemoryBudget
{
    /// <summary>
    /// A training run: the model, its optimizer slots, the start-of-iteration snapshot and a copy
    /// for the checkpoint, and one window's activations of B*T rows in every layer.
    /// </summary>
    public static void CheckTraining(ModelShape s, TrainingSettings t)
    {
        var tensors = Tensors(s);
        var buffers = tensors.ToList();
        long weights = Sum(buffers.Select(b => b.Floats));
        long slots = Product(weights, Optimizer.SlotsPerParameter(t.Optimizer));
        buffers.Add(("gradients", weights));
        buffers.Add(("optimizer state", slots));
        buffers.Add(("the iteration snapshot and the checkpoint copy", Product(2, Sum([weights, slots]))));
        long rows = Product(t.BatchSize, t.SeqLength), V = s.VocabSize, H = s.HiddenSize;
        buffers.Add(("the window's logits, probabilities and their gradient", Product(3, rows, V)));
        for (int l = 0; l < s.Layers; l++)
        {
            long input = l == 0 ? 0 : H, table = l == 0 ? V : 0;
            buffers.Add(($"layer {l}'s gates and their gradient", Product(2, rows, 4, H)));
            buffers.Add(($"layer {l}'s states", Product(3, Sum([rows, t.BatchSize]), H)));
            buffers.Add(($"layer {l}'s inputs and token table", Sum([Product(2, rows, input), Product(2, table, 4, H)])));
        }
        if (t.Dropout > 0) buffers.Add(("the dropout masks and the decoder's input", Product(Sum([s.Layers, 1]), rows, H)));
        Require(tensors, buffers,
            $"Training H={s.HiddenSize} E={s.EmbeddingSize} with {s.Layers} layer(s) on B={t.BatchSize} streams of T={t.SeqLength}");
    }
}
