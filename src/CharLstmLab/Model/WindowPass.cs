using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using CharLstmLab.Compute;

namespace CharLstmLab.Model;

/// <summary>
/// Forward and backward through time over one window of T steps for B streams, with every
/// buffer allocated once. Rows are time-major: row t*B + b is stream b at step t.
/// The input products of all T steps are one large matrix product, and so are the weight
/// gradients; only h_prev * Wh (forward) and dGates * Wh^T (backward) are done step by step.
/// Layer 0's input is a character, so its input product is a row of one [V x 4H] table
/// (bias + embedding * Wx) and its input gradients are [V]-row products: see <see cref="LayerCache"/>.
/// The step-by-step part runs as one <see cref="Team"/> region per layer. With at least 8
/// streams per thread, each thread takes whole streams and runs their T steps without meeting
/// the others (streams do not interact); otherwise each thread owns a range of hidden units
/// (their four gate columns), computes its columns of the recurrent product and its units' cell
/// math, and the threads meet once per time step.
/// </summary>
public sealed class WindowPass : ITeamWork
{
    readonly CharLstm model;
    readonly ComputeContext compute;
    readonly LayerCache[] caches;
    readonly float[] logits, probs, dLogits, dTop, wyT;
    readonly double[] rowLoss;
    readonly int[] inputs, targets;
    bool backwardRows; // which row-wise output job Run does

    /// <param name="compute">The threads this pass may use; without one, the caller's thread only.</param>
    public WindowPass(CharLstm model, int batchSize, int seqLength, ComputeContext? compute = null)
    {
        Require.Positive(batchSize, "The batch size");
        Require.Positive(seqLength, "The sequence length");
        this.model = model;
        this.compute = compute ?? ComputeContext.Serial;
        BatchSize = batchSize;
        SeqLength = seqLength;
        var s = model.Shape;
        int rows = batchSize * seqLength, V = s.VocabSize, H = s.HiddenSize;
        inputs = new int[rows];
        caches = Enumerable.Range(0, model.Layers.Length).Select(l => new LayerCache(model, l, batchSize, seqLength, inputs, this.compute)).ToArray();
        logits = new float[rows * V];
        probs = new float[rows * V];
        dLogits = new float[rows * V];
        dTop = new float[rows * H];
        wyT = new float[V * H];
        rowLoss = new double[rows];
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
        int V = model.Shape.VocabSize, H = model.Shape.HiddenSize;
        foreach (int id in inputs) if ((uint)id >= (uint)V) throw new ArgumentOutOfRangeException(nameof(windowInputs));
        foreach (int id in targets) if ((uint)id >= (uint)V) throw new ArgumentOutOfRangeException(nameof(windowTargets));

        for (int l = 0; l < caches.Length; l++)
        {
            if (l > 0) caches[l - 1].Outputs.CopyTo(caches[l].X);
            caches[l].Forward(state.H[l], state.C[l]);
        }

        Kernels.Broadcast(model.OutputBias.Value, logits, Rows);
        Kernels.MatMul(caches[^1].Outputs, model.OutputWeight.Value, logits, Rows, H, V, accumulate: true, compute);
        backwardRows = false;
        compute.Run(this);
        double loss = 0;
        for (int r = 0; r < Rows; r++) loss += rowLoss[r]; // in row order: the same sum for any thread count
        return loss / BatchSize;
    }

    /// <summary>Adds the gradient of the last forward's window loss to every parameter's Grad.</summary>
    public void Backward()
    {
        int V = model.Shape.VocabSize, H = model.Shape.HiddenSize;
        backwardRows = true;
        compute.Run(this);
        var top = caches[^1].Outputs;
        Kernels.MatMulTransA(top, dLogits, model.OutputWeight.Grad, H, Rows, V, accumulate: true, compute);
        Kernels.AddColumnSums(dLogits, model.OutputBias.Grad, Rows);
        Kernels.Transpose(model.OutputWeight.Value, wyT, H, V, compute);
        Kernels.MatMul(dLogits, wyT, dTop, Rows, V, H, accumulate: false, compute);

        for (int l = caches.Length - 1; l >= 0; l--)
            caches[l].Backward(l == caches.Length - 1 ? dTop : caches[l + 1].DX);
    }

    /// <summary>
    /// The gradient of the last window's loss with respect to the state it started from:
    /// H[l] = dLoss/dh_0 and C[l] = dLoss/dc_0 of layer l, [B x H] each. Call it after
    /// <see cref="Backward"/>. Training does not need it (truncated BPTT stops at the window's
    /// start), so it is computed only when asked, from what the backward pass kept.
    /// </summary>
    public LstmState StartStateGradient()
    {
        var gradient = model.InitHidden(BatchSize);
        for (int l = 0; l < caches.Length; l++) caches[l].StartStateGradient(gradient.H[l], gradient.C[l]);
        return gradient;
    }

    /// <summary>The row-wise output work, rows split over threads: softmax and loss (forward), or dLoss/dLogits (backward).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void ITeamWork.Run(int thread, int threads)
    {
        int V = model.Shape.VocabSize, per = (Rows + threads - 1) / threads;
        int r0 = thread * per, r1 = Math.Min(Rows, r0 + per);
        float scale = 1f / BatchSize;
        for (int r = r0; r < r1; r++)
        {
            if (!backwardRows)
            {
                rowLoss[r] = Softmax.CrossEntropy(logits.AsSpan(r * V, V), probs.AsSpan(r * V, V), targets[r]);
                continue;
            }
            var d = dLogits.AsSpan(r * V, V);
            var p = probs.AsSpan(r * V, V);
            int j = 0;
            for (; j + 16 <= V; j += 16) (Vector512.Create(p.Slice(j, 16)) * scale).CopyTo(d.Slice(j, 16));
            for (; j < V; j++) d[j] = p[j] * scale;
            d[targets[r]] -= scale;
        }
    }

    /// <summary>
    /// Everything one layer keeps from forward for backward, its backward scratch, and its recurrence as team work.
    /// <para>
    /// The first layer reads characters: its input row for token c is embedding row c, so
    /// bias + x * Wx is row c of one table, bias + Embedding * Wx, made once per window
    /// ([V x E] * [E x 4H] instead of [T*B x E] * [E x 4H]). In backward, the rows of dGates are
    /// first summed per token into D [V x 4H]; then dWx += Embedding^T * D and dEmbedding += D * Wx^T,
    /// again V rows instead of T*B. The same sums as row by row, added in another order.
    /// </para>
    /// </summary>
    sealed class LayerCache : ITeamWork
    {
        readonly CharLstm model;
        readonly ComputeContext compute;
        readonly LstmLayer layer;
        readonly Parameter? embedding; // set for the first layer, whose inputs are tokens
        readonly int[] tokens;
        readonly int B, T, In, H;
        readonly float[] gates, cs, hs, tanhC, dGates, whT, wxT, dh, dc, table, tokenGrads;
        ReadOnlyMemory<float> dOut;
        bool backward;

        public LayerCache(CharLstm model, int index, int batchSize, int seqLength, int[] tokens, ComputeContext compute)
        {
            this.model = model;
            this.compute = compute;
            layer = model.Layers[index];
            embedding = index == 0 ? model.Embedding : null;
            this.tokens = tokens;
            B = batchSize; T = seqLength; In = layer.InputSize; H = layer.HiddenSize;
            int inputRows = embedding is null ? T * B : 0, tableRows = embedding is null ? 0 : embedding.Rows;
            X = new float[inputRows * In];
            DX = new float[inputRows * In];
            table = new float[tableRows * 4 * H];
            tokenGrads = new float[tableRows * 4 * H];
            gates = new float[T * B * 4 * H];
            dGates = new float[T * B * 4 * H];
            cs = new float[(T + 1) * B * H];
            hs = new float[(T + 1) * B * H];
            tanhC = new float[T * B * H];
            whT = new float[4 * H * H];
            wxT = new float[4 * H * In];
            dh = new float[B * H];
            dc = new float[B * H];
        }

        /// <summary>The input rows (layers above the first), [T*B x In].</summary>
        public float[] X { get; }
        /// <summary>The gradient reaching the input rows (layers above the first).</summary>
        public float[] DX { get; }
        /// <summary>h_1 .. h_T as one [T*B x H] block.</summary>
        public ReadOnlySpan<float> Outputs => hs.AsSpan(B * H);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Forward(float[] h0, float[] c0)
        {
            int bh = B * H, g4 = 4 * H;
            h0.CopyTo(hs, 0);
            c0.CopyTo(cs, 0);
            if (embedding is null)
            {
                Kernels.Broadcast(layer.Bias.Value, gates, T * B);
                Kernels.MatMul(X, layer.Wx.Value, gates, T * B, In, g4, accumulate: true, compute);
            }
            else
            {
                model.FirstLayerInputTable(table, compute);
                for (int r = 0; r < T * B; r++) table.AsSpan(tokens[r] * g4, g4).CopyTo(gates.AsSpan(r * g4, g4));
            }
            backward = false;
            compute.Run(this);
            hs.AsSpan(T * bh, bh).CopyTo(h0);
            cs.AsSpan(T * bh, bh).CopyTo(c0);
        }

        /// <summary>dOut: gradient reaching h_1..h_T from above. Truncated BPTT: nothing flows past the first step here (see StartStateGradient).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Backward(float[] dOutFromAbove)
        {
            int g4 = 4 * H, rows = T * B;
            Array.Clear(dh);
            Array.Clear(dc);
            Kernels.Transpose(layer.Wh.Value, whT, H, g4, compute);
            dOut = dOutFromAbove;
            backward = true;
            compute.Run(this);
            dOut = default;
            Kernels.MatMulTransA(hs.AsSpan(0, rows * H), dGates, layer.Wh.Grad, H, rows, g4, accumulate: true, compute);
            Kernels.AddColumnSums(dGates, layer.Bias.Grad, rows);
            Kernels.Transpose(layer.Wx.Value, wxT, In, g4, compute);
            if (embedding is null)
            {
                Kernels.MatMulTransA(X, dGates, layer.Wx.Grad, In, rows, g4, accumulate: true, compute);
                Kernels.MatMul(dGates, wxT, DX, rows, g4, In, accumulate: false, compute);
                return;
            }
            int V = embedding.Rows;
            Array.Clear(tokenGrads);
            for (int r = 0; r < rows; r++)
            {
                var d = tokenGrads.AsSpan(tokens[r] * g4, g4);
                TensorPrimitives.Add(d, dGates.AsSpan(r * g4, g4), d);
            }
            Kernels.MatMulTransA(embedding.Value, tokenGrads, layer.Wx.Grad, In, V, g4, accumulate: true, compute);
            Kernels.MatMul(tokenGrads, wxT, embedding.Grad, V, g4, In, accumulate: true, compute);
        }

        /// <summary>
        /// After <see cref="Backward"/>: dc holds dLoss/dc_0 (the first step's cell backward wrote it), and
        /// dLoss/dh_0 = dGates_0 * Wh^T, the product the step loop skips at t = 0 because no earlier step reads it.
        /// </summary>
        public void StartStateGradient(Span<float> dh0, Span<float> dc0)
        {
            int g4 = 4 * H;
            Kernels.MatMul(dGates.AsSpan(0, B * g4), whT, dh0, B, g4, H, accumulate: false, compute);
            dc.CopyTo(dc0);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void ITeamWork.Run(int thread, int threads)
        {
            // Streams are independent in the recurrence, so when there are enough of them each
            // thread takes whole streams (rows of the batch, in multiples of the 4-row tile) and
            // runs all T steps alone: no meeting per step, which on a shared machine is where a
            // descheduled thread stalls the other. Otherwise threads split the hidden units and
            // meet once per step.
            if (SplitByStreams(threads))
            {
                int per = (B / threads + 3) / 4 * 4;
                int b0 = Math.Min(B, thread * per), b1 = thread == threads - 1 ? B : Math.Min(B, b0 + per);
                if (backward) BackwardSteps(b0, b1, 0, H, 1);
                else ForwardSteps(b0, b1, 0, H, 1);
                return;
            }
            // This thread's hidden units: whole 32-column panels where possible.
            int perUnits = (H + threads - 1) / threads;
            if (threads > 1) perUnits = (perUnits + 31) / 32 * 32;
            int u0 = Math.Min(H, thread * perUnits), u1 = Math.Min(H, u0 + perUnits);
            if (backward) BackwardSteps(0, B, u0, u1, threads);
            else ForwardSteps(0, B, u0, u1, threads);
        }

        // At least two 4-row tiles per thread; below that the per-step products get too thin.
        bool SplitByStreams(int threads) => threads > 1 && B >= 8 * threads;

        // Rows [b0, b1) of every step (the thread's streams), units [u0, u1) (its gate columns):
        // gates_t += h_{t-1} * Wh for each of the four gates, then the cell; meet; next step.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void ForwardSteps(int b0, int b1, int u0, int u1, int threads)
        {
            int bh = B * H, g4 = 4 * H, n = u1 - u0, m = b1 - b0;
            var wh = layer.Wh.Value;
            for (int t = 0; t < T; t++)
            {
                if (n > 0 && m > 0)
                {
                    var g = gates.AsSpan((t * B + b0) * g4, m * g4);
                    var hPrev = hs.AsSpan(t * bh + b0 * H, m * H);
                    if (n == H) Kernels.MatMulBlock(hPrev, H, wh, g4, g, g4, m, H, g4, accumulate: true);
                    else
                        for (int q = 0; q < 4; q++)
                            Kernels.MatMulBlock(hPrev, H, wh.AsSpan(q * H + u0), g4, g[(q * H + u0)..], g4, m, H, n, accumulate: true);
                    int r0 = t * bh + b0 * H, r1 = (t + 1) * bh + b0 * H;
                    LstmCell.Forward(g, cs.AsSpan(r0, m * H), cs.AsSpan(r1, m * H), tanhC.AsSpan(t * bh + b0 * H, m * H), hs.AsSpan(r1, m * H), m, H, u0, u1);
                }
                Team.Sync(threads); // h_t complete before anyone multiplies by it
            }
        }

        // Cell backward for this thread's rows and units (their gate columns of dGates_t); meet;
        // then dh[rows, units] = dGates_t[rows] * Wh^T[:, units], which the next (earlier) step's cell reads.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void BackwardSteps(int b0, int b1, int u0, int u1, int threads)
        {
            int bh = B * H, g4 = 4 * H, n = u1 - u0, m = b1 - b0;
            var dOutSpan = dOut.Span;
            var dhRows = dh.AsSpan(b0 * H, m * H);
            var dcRows = dc.AsSpan(b0 * H, m * H);
            for (int t = T - 1; t >= 0; t--)
            {
                var dg = dGates.AsSpan((t * B + b0) * g4, m * g4);
                if (n > 0 && m > 0)
                {
                    for (int b = 0; b < m; b++)
                    {
                        var dhRow = dhRows.Slice(b * H + u0, n);
                        TensorPrimitives.Add(dhRow, dOutSpan.Slice(t * bh + (b0 + b) * H + u0, n), dhRow);
                    }
                    LstmCell.Backward(gates.AsSpan((t * B + b0) * g4, m * g4), cs.AsSpan(t * bh + b0 * H, m * H), tanhC.AsSpan(t * bh + b0 * H, m * H),
                        dhRows, dcRows, dg, m, H, u0, u1);
                }
                Team.Sync(threads); // dGates_t complete before anyone multiplies by it
                if (t > 0 && n > 0 && m > 0) Kernels.MatMulBlock(dg, g4, whT.AsSpan(u0), H, dhRows[u0..], H, m, g4, n, accumulate: false);
            }
        }
    }
}
