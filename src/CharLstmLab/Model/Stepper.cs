using System.Runtime.CompilerServices;
using CharLstmLab.Compute;

namespace CharLstmLab.Model;

/// <summary>
/// Runs the model one character at a time for a single stream (generation, scoring).
/// Because the input is one character, embedding * Wx + bias of layer 0 is a row lookup in a
/// table made once; each step then costs one matrix-vector product per layer plus the output layer.
/// Take a new stepper after the weights change.
/// </summary>
public sealed class Stepper
{
    readonly CharLstm model;
    readonly float[] inputTable, gates, scratchC, tanhC;

    public Stepper(CharLstm model)
    {
        this.model = model;
        var s = model.Shape;
        int V = s.VocabSize, H = s.HiddenSize;
        inputTable = new float[V * 4 * H];
        model.FirstLayerInputTable(inputTable);
        gates = new float[4 * H];
        scratchC = new float[H];
        tanhC = new float[H];
        State = model.InitHidden(1);
    }

    public LstmState State { get; private set; }
    public int VocabSize => model.Shape.VocabSize;

    /// <summary>Back to the zero state.</summary>
    public void Reset() => State.Reset();

    /// <summary>Feeds one character and writes the logits for the next one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Step(int token, Span<float> logits)
    {
        int H = model.Shape.HiddenSize, V = model.Shape.VocabSize;
        if ((uint)token >= (uint)V) throw new ArgumentOutOfRangeException(nameof(token));
        for (int l = 0; l < model.Layers.Length; l++)
        {
            var layer = model.Layers[l];
            if (l == 0) inputTable.AsSpan(token * 4 * H, 4 * H).CopyTo(gates);
            else
            {
                Kernels.Broadcast(layer.Bias.Value, gates, 1);
                Kernels.MatMul(State.H[l - 1], layer.Wx.Value, gates, 1, H, 4 * H, accumulate: true);
            }
            Kernels.MatMul(State.H[l], layer.Wh.Value, gates, 1, H, 4 * H, accumulate: true);
            State.C[l].CopyTo(scratchC, 0);
            LstmCell.Forward(gates, scratchC, State.C[l], tanhC, State.H[l], 1, H);
        }
        model.OutputBias.Value.CopyTo(logits);
        Kernels.MatMul(State.H[^1], model.OutputWeight.Value, logits, 1, H, V, accumulate: true);
    }
}
