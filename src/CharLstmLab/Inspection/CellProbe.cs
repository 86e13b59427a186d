using System.Runtime.CompilerServices;
using CharLstmLab.Model;

namespace CharLstmLab.Inspection;

/// <summary>
/// Runs the model one character at a time, like <see cref="Stepper"/>, and keeps what a stepper
/// throws away: every layer's gate activations [i | f | g | o] of the last step. This is the
/// streaming view: read <see cref="Gates"/>, <see cref="CellState"/> and <see cref="Hidden"/>
/// after each <see cref="Step"/>, and memory stays at one step's worth whatever the text length.
/// <para>
/// It runs a stepper layer by layer (<see cref="Stepper.StepLayer"/>), keeping each layer's gates,
/// so without a clamp its h and c are bit for bit the stepper's (a test holds it to that). With a
/// <see cref="CellClamp"/>, the clamped cell's c is overwritten after each step and its h recomputed
/// from it, so the layers above and the next step read the clamped value.
/// </para>
/// </summary>
public sealed class CellProbe
{
    readonly CharLstm model;
    readonly CellClamp? clamp;
    readonly Stepper stepper;
    readonly float[][] gates;

    public CellProbe(CharLstm model, CellClamp? clamp = null)
    {
        var s = model.Shape;
        if (clamp is { } k && ((uint)k.Layer >= (uint)s.Layers || (uint)k.Unit >= (uint)s.HiddenSize))
            throw new LabException($"The model has {s.Layers} layer(s) of {s.HiddenSize} cells; there is no cell {k.Unit} in layer {k.Layer}.");
        this.model = model;
        this.clamp = clamp;
        stepper = new Stepper(model);
        gates = Enumerable.Range(0, s.Layers).Select(_ => new float[4 * s.HiddenSize]).ToArray();
    }

    public LstmState State => stepper.State;
    public int Layers => model.Shape.Layers;
    public int HiddenSize => model.Shape.HiddenSize;

    /// <summary>Layer <paramref name="layer"/>'s gate activations of the last step: i, f, g, o, each H wide.</summary>
    public ReadOnlySpan<float> Gates(int layer) => gates[layer];
    /// <summary>c_t of the last step.</summary>
    public ReadOnlySpan<float> CellState(int layer) => State.C[layer];
    /// <summary>h_t of the last step.</summary>
    public ReadOnlySpan<float> Hidden(int layer) => State.H[layer];

    public void Reset() => State.Reset();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Step(int token, Span<float> logits)
    {
        int H = model.Shape.HiddenSize;
        if ((uint)token >= (uint)model.Shape.VocabSize) throw new ArgumentOutOfRangeException(nameof(token));
        for (int l = 0; l < model.Layers.Length; l++)
        {
            var g = gates[l];
            stepper.StepLayer(l, token, g);
            if (clamp is { } k && k.Layer == l)
            {
                State.C[l][k.Unit] = k.Value;
                State.H[l][k.Unit] = g[3 * H + k.Unit] * MathF.Tanh(k.Value); // h = o * tanh(c), with the clamped c
            }
        }
        stepper.Output(logits);
    }

    /// <summary>
    /// The cross-entropy (nats) of predicting each next character, reading <paramref name="text"/> from
    /// the zero state: entry t is the loss on text[t + 1] after reading text[0..t].
    /// </summary>
    public static double[] Losses(CharLstm model, ReadOnlySpan<int> text, CellClamp? clamp = null)
    {
        if (text.Length < 2) throw new LabException("Measuring a loss needs a text of at least two characters.");
        var probe = new CellProbe(model, clamp);
        var logits = new float[model.Shape.VocabSize];
        var probs = new float[logits.Length];
        var losses = new double[text.Length - 1];
        for (int t = 0; t + 1 < text.Length; t++)
        {
            probe.Step(text[t], logits);
            losses[t] = Softmax.CrossEntropy(logits, probs, text[t + 1]);
        }
        return losses;
    }
}
