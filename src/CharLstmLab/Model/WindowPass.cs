using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
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
/// <code>
///   forward:  for each layer: for each step t = 1..T: gates, cell      then decoder, softmax + loss
///   backward: loss, decoder, then for each layer from the top: for each step t = T..1: cell, gates
/// </code>
/// </summary>
public sealed class WindowPass
{
    readonly CharLstm model;
    readonly ComputeContext compute;
    readonly LayerCache[] caches;
    readonly float[] logits, probs, dLogits, dTop;
    readonly double[] rowLoss;
    readonly int[] inputs, targets;
    readonly LossForward lossForward;
    readonly LossBackward lossBackward;

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
        rowLoss = new double[rows];
        targets = new int[rows];
        lossForward = new LossForward(this);
        lossBackward = new LossBackward(this);
    }

    public int BatchSize { get; }
    public int SeqLength { get; }
    int Rows => BatchSize * SeqLength;

    /// <summary>
    /// Dropout masks that <see cref="Forward"/> and <see cref="Backward"/> apply to each layer's output
    /// (between layers and before the decoder); null, the default, is no dropout. The caller draws
    /// them (training only) and must not change them between a Forward and its Backward.
    /// </summary>
    public DropoutMasks? Dropout
    {
        get => dropout;
        set
        {
            if (value is not null && (value.Masks.Length != caches.Length || value.Masks.Any(m => m.Length != Rows * model.Shape.HiddenSize)))
                throw new ArgumentException("The dropout masks do not match the pass: one [T*B x H] mask per layer.");
            dropout = value;
            if (value is not null && decoderInput.Length == 0) decoderInput = new float[Rows * model.Shape.HiddenSize];
        }
    }

    DropoutMasks? dropout;
    float[] decoderInput = []; // the top layer's output with its dropout mask applied (only with dropout)

    /// <summary>Logits of the last forward pass, [T*B x V].</summary>
    public ReadOnlySpan<float> Logits => logits;
    /// <summary>Softmax of the last forward pass, [T*B x V].</summary>
    public ReadOnlySpan<float> Probabilities => probs;

    /// <summary>
    /// Runs the window from <paramref name="state"/> (updated in place to the final state) and
    /// returns the window loss: cross-entropy summed over the T steps, averaged over the B streams.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
            if (l > 0)
            {
                caches[l - 1].Outputs.CopyTo(caches[l].X);
                if (dropout is not null) TensorPrimitives.Multiply(caches[l].X, dropout.Masks[l - 1], caches[l].X);
            }
            caches[l].Forward(state.H[l], state.C[l]);
        }

        if (dropout is not null) TensorPrimitives.Multiply(caches[^1].Outputs, dropout.Masks[^1], decoderInput);
        model.Output.Forward(DecoderInput, logits, Rows, compute);
        compute.Run(lossForward);
        double loss = 0;
        for (int r = 0; r < Rows; r++) loss += rowLoss[r]; // in row order: the same sum for any thread count
        return loss / BatchSize;
    }

    /// <summary>Adds the gradient of the last forward's window loss to every parameter's Grad.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Backward()
    {
        compute.Run(lossBackward);
        model.Output.Backward(DecoderInput, dLogits, dTop, Rows, compute);
        // A dropped unit passed nothing forward, so it gets no gradient back; a kept one gets it scaled alike.
        if (dropout is not null) TensorPrimitives.Multiply(dTop, dropout.Masks[^1], dTop);

        for (int l = caches.Length - 1; l >= 0; l--)
        {
            if (l == caches.Length - 1) { caches[l].Backward(dTop); continue; }
            var dOut = caches[l + 1].DX;
            if (dropout is not null) TensorPrimitives.Multiply(dOut, dropout.Masks[l], dOut);
            caches[l].Backward(dOut);
        }
    }

    ReadOnlySpan<float> DecoderInput => dropout is null ? caches[^1].Outputs : decoderInput;

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

    /// <summary>Rows [r0, r1) of this thread's share of the window's T*B rows.</summary>
    (int R0, int R1) RowShare(int thread, int threads)
    {
        int per = (Rows + threads - 1) / threads, r0 = thread * per;
        return (r0, Math.Min(Rows, r0 + per));
    }

    /// <summary>Softmax and the cross-entropy of every row, rows split over the threads.</summary>
    sealed class LossForward(WindowPass pass) : ITeamWork
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int thread, int threads)
        {
            int V = pass.model.Shape.VocabSize;
            var (r0, r1) = pass.RowShare(thread, threads);
            for (int r = r0; r < r1; r++)
                pass.rowLoss[r] = Softmax.CrossEntropy(pass.logits.AsSpan(r * V, V), pass.probs.AsSpan(r * V, V), pass.targets[r]);
        }
    }

    /// <summary>dLoss/dlogits of every row (the loss is averaged over the B streams, hence the 1/B).</summary>
    sealed class LossBackward(WindowPass pass) : ITeamWork
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int thread, int threads)
        {
            int V = pass.model.Shape.VocabSize;
            float scale = 1f / pass.BatchSize;
            var (r0, r1) = pass.RowShare(thread, threads);
            for (int r = r0; r < r1; r++)
                Softmax.CrossEntropyBackward(pass.probs.AsSpan(r * V, V), pass.targets[r], scale, pass.dLogits.AsSpan(r * V, V));
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
    sealed class LayerCache
    {
        readonly CharLstm model;
        readonly ComputeContext compute;
        readonly LstmLayer layer;
        readonly Parameter? embedding; // set for the first layer, whose inputs are tokens
        readonly int[] tokens;
        readonly int B, T, In, H;
        readonly float[] gates, cs, hs, tanhC, dGates, dh, dc, table, tokenGrads;
        readonly AlignedFloats packedWh;
        readonly StepsForward stepsForward;
        readonly StepsBackward stepsBackward;
        readonly TokenSums tokenSums;
        ReadOnlyMemory<float> dOut;

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
            // The cell's backward turns each step's gate activations into that step's gate gradients in
            // place (nothing reads the activations afterwards), so dGates is the same memory: 4 MB less
            // to keep in cache at config a.
            dGates = gates;
            cs = new float[(T + 1) * B * H];
            hs = new float[(T + 1) * B * H];
            tanhC = new float[T * B * H];
            packedWh = new AlignedFloats(4 * Kernels.PackedLength(H, H)); // Wh by gates in forward, Wh^T in backward: the same size
            dh = new float[B * H];
            dc = new float[B * H];
            stepsForward = new StepsForward(this);
            stepsBackward = new StepsBackward(this);
            tokenSums = new TokenSums(this);
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
            int bh = B * H;
            h0.CopyTo(hs, 0);
            c0.CopyTo(cs, 0);
            if (embedding is null) layer.Input.Forward(X, gates, T * B, compute);
            else
                model.FirstLayerInputTable(table, compute); // each step copies its rows of it (ForwardSteps)
            compute.Run(stepsForward);
            hs.AsSpan(T * bh, bh).CopyTo(h0);
            cs.AsSpan(T * bh, bh).CopyTo(c0);
        }

        /// <summary>
        /// dOut: gradient reaching h_1..h_T from above. Truncated BPTT: nothing flows past the first step
        /// here (see <see cref="StartStateGradient"/>).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Backward(float[] dOutFromAbove)
        {
            int g4 = 4 * H, rows = T * B;
            Array.Clear(dh);
            Array.Clear(dc);
            dOut = dOutFromAbove;
            compute.Run(stepsBackward);
            dOut = default;
            // Wh was used at every step: dWh = sum over t of h_{t-1}^T dGates_t, one product over all rows.
            Kernels.MatMulTransA(hs.AsSpan(0, rows * H), dGates, layer.Wh.Grad, H, rows, g4, accumulate: true, compute);
            if (embedding is null)
            {
                layer.Input.Backward(X, dGates, DX, rows, compute);
                return;
            }
            compute.Run(tokenSums);
            int V = embedding.Rows;
            Kernels.MatMulTransA(embedding.Value, tokenGrads, layer.Wx.Grad, In, V, g4, accumulate: true, compute);
            Kernels.MatMulTransB(tokenGrads, layer.Wx.Value, embedding.Grad, V, g4, In, accumulate: true, compute);
        }

        /// <summary>
        /// After <see cref="Backward"/>: dc holds dLoss/dc_0 (the first step's cell backward wrote it), and
        /// dLoss/dh_0 = dGates_0 * Wh^T, the product the step loop skips at t = 0 because no earlier step reads it
        /// (Wh^T is still packed from the backward pass).
        /// </summary>
        public void StartStateGradient(Span<float> dh0, Span<float> dc0)
        {
            int g4 = 4 * H;
            Kernels.MatMulPacked(dGates.AsSpan(0, B * g4), g4, packedWh.Span, dh0, H, B, g4, H, accumulate: false);
            dc.CopyTo(dc0);
        }

        /// <summary>
        /// This thread's part of every step. Streams are independent in the recurrence, so when there
        /// are enough of them each thread takes whole streams (rows of the batch, in multiples of the
        /// 4-row tile) and runs all T steps alone: no meeting per step, which on a shared machine is
        /// where a descheduled thread stalls the other. Otherwise threads split the hidden units
        /// (whole 64-column panels of the packed weights) and meet once per step.
        /// </summary>
        (int B0, int B1, int U0, int U1, int Meet) Share(int thread, int threads)
        {
            if (SplitByStreams(threads))
            {
                int per = (B / threads + 3) / 4 * 4;
                int b0 = Math.Min(B, thread * per), b1 = thread == threads - 1 ? B : Math.Min(B, b0 + per);
                return (b0, b1, 0, H, 1);
            }
            int perUnits = (H + threads - 1) / threads;
            if (threads > 1) perUnits = (perUnits + 63) / 64 * 64;
            int u0 = Math.Min(H, thread * perUnits), u1 = Math.Min(H, u0 + perUnits);
            return (0, B, u0, u1, threads);
        }

        // Wh is the same in all T steps, so it is packed once per pass (each thread a share of the
        // panels, then a meeting): forward as four H-wide blocks, one per gate, so a thread's unit
        // range starts at a panel in each; backward as Wh^T.
        sealed class StepsForward(LayerCache layer) : ITeamWork
        {
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            public void Run(int thread, int threads)
            {
                layer.PackWh(thread, threads, transposed: false);
                Team.Sync(threads);
                var (b0, b1, u0, u1, meet) = layer.Share(thread, threads);
                layer.ForwardSteps(b0, b1, u0, u1, meet);
            }
        }

        sealed class StepsBackward(LayerCache layer) : ITeamWork
        {
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            public void Run(int thread, int threads)
            {
                layer.PackWh(thread, threads, transposed: true);
                Team.Sync(threads);
                var (b0, b1, u0, u1, meet) = layer.Share(thread, threads);
                layer.BackwardSteps(b0, b1, u0, u1, meet);
            }
        }

        // The first layer's bias gradient (column sums of dGates) and the per-character sums of dGates
        // rows, in one pass over dGates, threads taking whole cache lines of columns. Rows are added
        // in order, as one thread would.
        sealed class TokenSums(LayerCache layer) : ITeamWork
        {
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            public void Run(int thread, int threads)
            {
                int g4 = 4 * layer.H;
                var (c0, width) = Kernels.LineShare(g4, thread, threads);
                if (width == 0) return;
                var bias = layer.layer.Bias.Grad.AsSpan(c0, width);
                for (int v = 0; v < layer.embedding!.Rows; v++) layer.tokenGrads.AsSpan(v * g4 + c0, width).Clear();
                for (int r = 0; r < layer.T * layer.B; r++)
                {
                    var d = layer.dGates.AsSpan(r * g4 + c0, width);
                    var sum = layer.tokenGrads.AsSpan(layer.tokens[r] * g4 + c0, width);
                    TensorPrimitives.Add(bias, d, bias);
                    TensorPrimitives.Add(sum, d, sum);
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void PackWh(int thread, int threads, bool transposed)
        {
            int g4 = 4 * H, perGate = (H + 63) / 64, panels = transposed ? perGate : 4 * perGate;
            int per = (panels + threads - 1) / threads, lo = Math.Min(panels, thread * per), hi = Math.Min(panels, lo + per);
            var wh = layer.Wh.Value;
            for (int panel = lo; panel < hi; panel++)
            {
                int j = panel % perGate * 64, width = Math.Min(64, H - j);
                if (transposed) Kernels.PackTransposed(wh.AsSpan(j * g4), g4, packedWh.Span[Kernels.PanelStart(g4, j)..], g4, width);
                else
                {
                    int q = panel / perGate;
                    Kernels.Pack(wh.AsSpan(q * H + j), g4, packedWh.Span[(q * Kernels.PackedLength(H, H) + Kernels.PanelStart(H, j))..], H, width);
                }
            }
        }

        // At least two 4-row tiles per thread; below that the per-step products get too thin.
        bool SplitByStreams(int threads) => threads > 1 && B >= 8 * threads;

        // Rows [b0, b1) of every step (the thread's streams), units [u0, u1) (its gate columns):
        // gates_t += h_{t-1} * Wh for each of the four gates, then the cell; meet; next step.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void ForwardSteps(int b0, int b1, int u0, int u1, int threads)
        {
            int bh = B * H, g4 = 4 * H, n = u1 - u0, m = b1 - b0, gateBlock = Kernels.PackedLength(H, H);
            for (int t = 0; t < T; t++)
            {
                if (n > 0 && m > 0)
                {
                    var g = gates.AsSpan((t * B + b0) * g4, m * g4);
                    if (embedding is not null) CopyTableRows(t, b0, m, u0, n, g);
                    var hPrev = hs.AsSpan(t * bh + b0 * H, m * H);
                    for (int q = 0; q < 4; q++)
                    {
                        var panels = packedWh.Span[(q * gateBlock + Kernels.PanelStart(H, u0))..];
                        Kernels.MatMulPacked(hPrev, H, panels, g[(q * H + u0)..], g4, m, H, n, accumulate: true);
                    }
                    int r0 = t * bh + b0 * H, r1 = (t + 1) * bh + b0 * H;
                    LstmCell.Forward(g, cs.AsSpan(r0, m * H), cs.AsSpan(r1, m * H), tanhC.AsSpan(t * bh + b0 * H, m * H),
                        hs.AsSpan(r1, m * H), m, H, u0, u1);
                }
                Team.Sync(threads); // h_t complete before anyone multiplies by it
            }
        }

        // Layer 0's input half of the gates of step t (rows b0.., units u0..): rows of the character table.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void CopyTableRows(int t, int b0, int m, int u0, int n, Span<float> g)
        {
            int g4 = 4 * H;
            for (int b = 0; b < m; b++)
            {
                var from = table.AsSpan(tokens[t * B + b0 + b] * g4, g4);
                var to = g.Slice(b * g4, g4);
                if (n == H) from.CopyTo(to);
                else for (int q = 0; q < 4; q++) from.Slice(q * H + u0, n).CopyTo(to[(q * H + u0)..]);
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
                    LstmCell.Backward(gates.AsSpan((t * B + b0) * g4, m * g4), cs.AsSpan(t * bh + b0 * H, m * H),
                        tanhC.AsSpan(t * bh + b0 * H, m * H),
                        dhRows, dcRows, dg, m, H, u0, u1);
                }
                Team.Sync(threads); // dGates_t complete before anyone multiplies by it
                if (t > 0 && n > 0 && m > 0)
                    Kernels.MatMulPacked(dg, g4, packedWh.Span[Kernels.PanelStart(g4, u0)..], dhRows[u0..], H, m, g4, n, accumulate: false);
            }
        }
    }
}
