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

    public LstmState State { get; }
    public int VocabSize => model.Shape.VocabSize;

    /// <summary>Back to the zero state.</summary>
    public void Reset() => State.Reset();

    /// <summary>Feeds one character and writes the logits for the next one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Step(int token, Span<float> logits)
    {
        if ((uint)token >= (uint)VocabSize) throw new ArgumentOutOfRangeException(nameof(token));
        for (int l = 0; l < model.Layers.Length; l++) StepLayer(l, token, gates);
        Output(logits);
    }

    /// <summary>
    /// Layer <paramref name="l"/>'s part of a step: its gates from its input (the character's table row
    /// for layer 0, h of the layer below otherwise) and its own h, then the cell, which updates
    /// <see cref="State"/>. The gate activations [i | f | g | o] are left in <paramref name="gateBuffer"/> (4H).
    /// A caller that inspects or edits a layer between layers (<c>CellProbe</c>) steps layer by layer.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void StepLayer(int l, int token, Span<float> gateBuffer)
    {
        int H = model.Shape.HiddenSize;
        var layer = model.Layers[l];
        if (l == 0) inputTable.AsSpan(token * 4 * H, 4 * H).CopyTo(gateBuffer);
        else layer.Input.Forward(State.H[l - 1], gateBuffer, 1);
        Kernels.MatMul(State.H[l], layer.Wh.Value, gateBuffer, 1, H, 4 * H, accumulate: true);
        State.C[l].CopyTo(scratchC, 0);
        LstmCell.Forward(gateBuffer, scratchC, State.C[l], tanhC, State.H[l], 1, H);
    }

    /// <summary>The logits for the next character from the top layer's h: output.bias + h * Wy.</summary>
    public void Output(Span<float> logits) => model.Output.Forward(State.H[^1], logits, 1);
}
