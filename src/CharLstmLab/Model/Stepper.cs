using System.Runtime.CompilerServices;
using CharLstmLab.Compute;

namespace CharLstmLab.Model;

/// <summary>
/// Runs the model one character at a time for a single stream (generation, scoring).
/// Because the input is one character, embedding * Wx + bias of layer 0 is a row lookup in a
/// table made once; each step then costs one matrix-vector product per layer plus the output layer.
/// The stepper keeps its own copy of the weights, packed into the panels the batch-1 product streams
/// (<see cref="Kernels.MatVecPacked"/>): take a new stepper after the weights change.
/// </summary>
public sealed class Stepper
{
    readonly CharLstm model;
    readonly ComputeContext? compute;
    readonly float[] inputTable, gates, scratchC, tanhC;
    readonly AlignedFloats packedWy;
    readonly AlignedFloats[] packedWh;
    readonly AlignedFloats?[] packedWx; // per layer; Wx from layer 1 on (layer 0 reads the table)

    /// <param name="compute">Threads for the products of a large model (H = 512: two cores read Wh faster than one);
    /// without one, the caller's thread. The numbers do not depend on it.</param>
    public Stepper(CharLstm model, ComputeContext? compute = null)
    {
        this.model = model;
        this.compute = compute;
        var s = model.Shape;
        int V = s.VocabSize, H = s.HiddenSize, g4 = 4 * H;
        inputTable = new float[V * 4 * H];
        model.FirstLayerInputTable(inputTable);
        packedWh = model.Layers.Select(layer => Packed(layer.Wh)).ToArray();
        packedWx = model.Layers.Select((layer, l) => l == 0 ? null : Packed(layer.Wx)).ToArray();
        packedWy = Packed(model.OutputWeight);
        gates = new float[4 * H];
        scratchC = new float[H];
        tanhC = new float[H];
        State = model.InitHidden(1);
    }

    static AlignedFloats Packed(Parameter w)
    {
        var panels = new AlignedFloats(Kernels.PackedLength(w.Rows, w.Cols));
        Kernels.Pack(w.Value, w.Cols, panels.Span, w.Rows, w.Cols);
        return panels;
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
        else
        {
            // The input product of layer.Input (a Linear), on the packed copy of its weight.
            layer.Bias.Value.CopyTo(gateBuffer);
            Kernels.MatVecPacked(State.H[l - 1], packedWx[l]!.Span, gateBuffer, layer.InputSize, 4 * H, accumulate: true, compute);
        }
        Kernels.MatVecPacked(State.H[l], packedWh[l].Span, gateBuffer, H, 4 * H, accumulate: true, compute);
        State.C[l].CopyTo(scratchC, 0);
        LstmCell.Forward(gateBuffer, scratchC, State.C[l], tanhC, State.H[l], 1, H);
    }

    /// <summary>The logits for the next character from the top layer's h: output.bias + h * Wy (the decoder, a Linear, on the packed Wy).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Output(Span<float> logits)
    {
        model.Output.Bias.Value.CopyTo(logits);
        Kernels.MatVecPacked(State.H[^1], packedWy.Span, logits, model.Shape.HiddenSize, model.Shape.VocabSize, accumulate: true, compute);
    }
}
