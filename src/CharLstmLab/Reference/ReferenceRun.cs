namespace CharLstmLab.Reference;

/// <summary>
/// A forward pass of <see cref="ReferenceLstm"/> over one window: every cell step (indexed
/// [layer][row], row t*B + b as in the fast path), the logits and probabilities of every row, the loss,
/// and the dropout masks it applied (null: none).
/// </summary>
public sealed record ReferenceRun(int BatchSize, int SeqLength, int[] Inputs, int[] Targets,
    ReferenceStep[][] Steps, double[][] Logits, double[][] Probabilities, double Loss, float[][]? Masks = null);
