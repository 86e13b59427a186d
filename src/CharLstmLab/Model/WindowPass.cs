using System.Numerics.Tensors;

namespace CharLstmLab.Model;

/// <summary>
/// Forward and backward through time over one window of T steps for B streams, with every
/// buffer allocated once. Rows are time-major: row t*B + b is stream b at step t.
/// The input products of all T steps are one large matrix product; only h_prev * Wh is done
/// step by step.
/// </summary>
public sealed class WindowPass
{
    readonly CharLstm model;
    readonly LayerCache[] caches;
    readonly float[] logits, probs, dLogits, dTop, wyT, topT;
    readonly float[] dh, dc;
    readonly int[] inputs, targets;

    public WindowPass(CharLstm model, int batchSize, int seqLength)
    {
        Require.Positive(batchSize, "The batch size");
        Require.Positive(seqLength, "The sequence length");
        this.model = model;
        BatchSize = batchSize;
        SeqLength = seqLength;
        var s = model.Shape;
        int rows = batchSize * seqLength, V = s.VocabSize, H = s.HiddenSize;
        caches = model.Layers.Select(l => new LayerCache(l, batchSize, seqLength)).ToArray();
        logits = new float[rows * V];
        probs = new float[rows * V];
        dLogits = new float[rows * V];
        dTop = new float[rows * H];
        wyT = new float[V * H];
        topT = new float[H * rows];
        dh = new float[batchSize * H];
        dc = new float[batchSize * H];
        inputs = new int[rows];
        targets = new int[rows];
    }

    public int BatchSize { get; }
    public int SeqLength { get; }
    int Rows => BatchSize * SeqLength;

    /// <summary>Logits of the last forward pass, [T*B x V].</summary>
    public ReadOnlySpan<float> Logits => logits;
    /// <summary>Softmax of the last forward pass, [T*B x V].</summary>
    public ReadOnlySpan<float> Probabilities => probs;

    /// <summary>
    /// Runs the window from <paramref name="state"/> (updated in place to the final state) and
    /// returns the window loss: cross-entropy summed over the T steps, averaged over the B streams.
    /// </summary>
    public double Forward(ReadOnlySpan<int> windowInputs, ReadOnlySpan<int> windowTargets, LstmState state)
    {
        if (windowInputs.Length != Rows || windowTargets.Length != Rows)
            throw new ArgumentException($"A window holds {Rows} inputs and targets.");
        if (state.BatchSize != BatchSize) throw new ArgumentException("The state's batch size does not match the pass.");
        windowInputs.CopyTo(inputs);
        windowTargets.CopyTo(targets);
        int V = model.Shape.VocabSize, E = model.Shape.EmbeddingSize, H = model.Shape.HiddenSize;

        var x0 = caches[0].X;
        for (int r = 0; r < Rows; r++) model.Embedding.Value.AsSpan(inputs[r] * E, E).CopyTo(x0.AsSpan(r * E, E));
        for (int l = 0; l < caches.Length; l++)
        {
            if (l > 0) caches[l - 1].Outputs.CopyTo(caches[l].X);
            caches[l].Forward(state.H[l], state.C[l]);
        }

        Kernels.Broadcast(model.OutputBias.Value, logits, Rows);
        Kernels.MatMul(caches[^1].Outputs, model.OutputWeight.Value, logits, Rows, H, V, accumulate: true);
        double loss = 0;
        for (int r = 0; r < Rows; r++) loss += Softmax.CrossEntropy(logits.AsSpan(r * V, V), probs.AsSpan(r * V, V), targets[r]);
        return loss / BatchSize;
    }

    /// <summary>Adds the gradient of the last forward's window loss to every parameter's Grad.</summary>
    public void Backward()
    {
        int V = model.Shape.VocabSize, E = model.Shape.EmbeddingSize, H = model.Shape.HiddenSize;
        float scale = 1f / BatchSize;
        for (int r = 0; r < Rows; r++)
        {
            var d = dLogits.AsSpan(r * V, V);
            TensorPrimitives.Multiply(probs.AsSpan(r * V, V), scale, d);
            d[targets[r]] -= scale;
        }
        var top = caches[^1].Outputs;
        Kernels.Transpose(top, topT, Rows, H);
        Kernels.MatMul(topT, dLogits, model.OutputWeight.Grad, H, Rows, V, accumulate: true);
        Kernels.AddColumnSums(dLogits, model.OutputBias.Grad, Rows);
        Kernels.Transpose(model.OutputWeight.Value, wyT, H, V);
        Kernels.MatMul(dLogits, wyT, dTop, Rows, V, H, accumulate: false);

        float[] dOut = dTop;
        for (int l = caches.Length - 1; l >= 0; l--)
        {
            caches[l].Backward(dOut, dh, dc);
            dOut = caches[l].DX;
        }
        var dEmb = model.Embedding.Grad;
        for (int r = 0; r < Rows; r++)
            TensorPrimitives.Add(dEmb.AsSpan(inputs[r] * E, E), dOut.AsSpan(r * E, E), dEmb.AsSpan(inputs[r] * E, E));
    }

    /// <summary>Everything one layer keeps from forward for backward, and its backward scratch.</summary>
    sealed class LayerCache
    {
        readonly LstmLayer layer;
        readonly int B, T, In, H;
        readonly float[] gates, cs, hs, tanhC, dGates, xT, hT, whT, wxT;

        public LayerCache(LstmLayer layer, int batchSize, int seqLength)
        {
            this.layer = layer;
            B = batchSize; T = seqLength; In = layer.InputSize; H = layer.HiddenSize;
            X = new float[T * B * In];
            DX = new float[T * B * In];
            gates = new float[T * B * 4 * H];
            dGates = new float[T * B * 4 * H];
            cs = new float[(T + 1) * B * H];
            hs = new float[(T + 1) * B * H];
            tanhC = new float[T * B * H];
            xT = new float[In * T * B];
            hT = new float[H * T * B];
            whT = new float[4 * H * H];
            wxT = new float[4 * H * In];
        }

        public float[] X { get; }
        public float[] DX { get; }
        /// <summary>h_1 .. h_T as one [T*B x H] block.</summary>
        public ReadOnlySpan<float> Outputs => hs.AsSpan(B * H);

        public void Forward(float[] h0, float[] c0)
        {
            int bh = B * H, g4 = 4 * H;
            h0.CopyTo(hs, 0);
            c0.CopyTo(cs, 0);
            Kernels.Broadcast(layer.Bias.Value, gates, T * B);
            Kernels.MatMul(X, layer.Wx.Value, gates, T * B, In, g4, accumulate: true);
            for (int t = 0; t < T; t++)
            {
                var g = gates.AsSpan(t * B * g4, B * g4);
                Kernels.MatMul(hs.AsSpan(t * bh, bh), layer.Wh.Value, g, B, H, g4, accumulate: true);
                LstmCell.Forward(g, cs.AsSpan(t * bh, bh), cs.AsSpan((t + 1) * bh, bh), tanhC.AsSpan(t * bh, bh), hs.AsSpan((t + 1) * bh, bh), B, H);
            }
            hs.AsSpan(T * bh, bh).CopyTo(h0);
            cs.AsSpan(T * bh, bh).CopyTo(c0);
        }

        /// <summary>dOut: gradient reaching h_1..h_T from above. The state handed in is not differentiated (truncated BPTT).</summary>
        public void Backward(ReadOnlySpan<float> dOut, float[] dh, float[] dc)
        {
            int bh = B * H, g4 = 4 * H, rows = T * B;
            Array.Clear(dh);
            Array.Clear(dc);
            Kernels.Transpose(layer.Wh.Value, whT, H, g4);
            for (int t = T - 1; t >= 0; t--)
            {
                TensorPrimitives.Add(dh, dOut.Slice(t * bh, bh), dh);
                var dg = dGates.AsSpan(t * B * g4, B * g4);
                LstmCell.Backward(gates.AsSpan(t * B * g4, B * g4), cs.AsSpan(t * bh, bh), tanhC.AsSpan(t * bh, bh), dh, dc, dg, B, H);
                if (t > 0) Kernels.MatMul(dg, whT, dh, B, g4, H, accumulate: false);
            }
            Kernels.Transpose(hs.AsSpan(0, rows * H), hT, rows, H);
            Kernels.MatMul(hT, dGates, layer.Wh.Grad, H, rows, g4, accumulate: true);
            Kernels.Transpose(X, xT, rows, In);
            Kernels.MatMul(xT, dGates, layer.Wx.Grad, In, rows, g4, accumulate: true);
            Kernels.AddColumnSums(dGates, layer.Bias.Grad, rows);
            Kernels.Transpose(layer.Wx.Value, wxT, In, g4);
            Kernels.MatMul(dGates, wxT, DX, rows, g4, In, accumulate: false);
        }
    }
}
