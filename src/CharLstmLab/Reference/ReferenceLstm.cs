using CharLstmLab.Model;

namespace CharLstmLab.Reference;

/// <summary>
/// The model of <see cref="CharLstm"/> written as its equations, in double precision, one stream
/// and one element at a time, with no speed tricks (d2l's "from scratch" LSTM; llm.c's naive
/// matmul beside the fast one). The fast path (<see cref="WindowPass"/>) must agree with it within
/// float rounding; the tests check that, and notebook 1 walks through one backward step with it.
/// <code>
///   x_t = embedding[token_t] (layer 0) or h_t of the layer below
///   z   = bias + x_t Wx + h_{t-1} Wh        split into four H-wide blocks [z_i | z_f | z_g | z_o]
///   i = sigmoid(z_i)  f = sigmoid(z_f)  g = tanh(z_g)  o = sigmoid(z_o)
///   c_t = f * c_{t-1} + i * g               h_t = o * tanh(c_t)
///   logits_t = output.bias + h_t(top) Wy    loss = sum over t and streams of -ln softmax(logits_t)[target_t], / B
/// </code>
/// With dropout, layer l's h is multiplied by its mask where the layer above (or the decoder) reads it.
/// Weights are stored input-major like the model's: W[p, j] is element p * columns + j.
/// </summary>
public static class ReferenceLstm
{
    static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>
    /// Runs the window from <paramref name="start"/> (not changed): rows t*B + b, B = the state's batch size.
    /// <paramref name="dropout"/>: masks as the fast path applies them (null: no dropout).
    /// </summary>
    public static ReferenceRun Forward(CharLstm model, IReadOnlyList<int> inputs, IReadOnlyList<int> targets, LstmState start,
        DropoutMasks? dropout = null)
    {
        var masks = dropout?.Masks;
        int B = start.BatchSize, R = inputs.Count;
        if (R == 0 || R % B != 0 || targets.Count != R) throw new ArgumentException("A window holds T*B inputs and as many targets.");
        int T = R / B, V = model.Shape.VocabSize, H = model.Shape.HiddenSize, L = model.Layers.Length;
        var steps = new ReferenceStep[L][];
        for (int l = 0; l < L; l++)
        {
            var layer = model.Layers[l];
            steps[l] = new ReferenceStep[R];
            for (int b = 0; b < B; b++)
            {
                double[] h = Row(start.H[l], b, H), c = Row(start.C[l], b, H);
                for (int t = 0; t < T; t++)
                {
                    int r = t * B + b;
                    double[] x = l == 0
                        ? Row(model.Embedding.Value, inputs[r], model.Shape.EmbeddingSize)
                        : Masked(steps[l - 1][r].H, masks, l - 1, r);
                    var step = Cell(layer, x, h, c);
                    steps[l][r] = step;
                    (h, c) = (step.H, step.C);
                }
            }
        }
        var logits = new double[R][];
        var probs = new double[R][];
        double loss = 0;
        for (int r = 0; r < R; r++)
        {
            logits[r] = LinearForward(Masked(steps[L - 1][r].H, masks, L - 1, r), model.OutputWeight, model.OutputBias.Value);
            probs[r] = Softmax(logits[r]);
            loss += -Math.Log(probs[r][targets[r]]);
        }
        return new ReferenceRun(B, T, [.. inputs], [.. targets], steps, logits, probs, loss / B, masks);
    }

    /// <summary>One cell step: the gates from x and h_prev, then the new c and h.</summary>
    public static ReferenceStep Cell(LstmLayer layer, double[] x, double[] hPrev, double[] cPrev)
    {
        int H = layer.HiddenSize;
        var z = LinearForward(x, layer.Wx, layer.Bias.Value);
        var zh = LinearForward(hPrev, layer.Wh, null);
        double[] i = new double[H], f = new double[H], g = new double[H], o = new double[H], c = new double[H], h = new double[H];
        for (int j = 0; j < H; j++)
        {
            i[j] = Sigmoid(z[j] + zh[j]);
            f[j] = Sigmoid(z[H + j] + zh[H + j]);
            g[j] = Math.Tanh(z[2 * H + j] + zh[2 * H + j]);
            o[j] = Sigmoid(z[3 * H + j] + zh[3 * H + j]);
            c[j] = f[j] * cPrev[j] + i[j] * g[j];
            h[j] = o[j] * Math.Tanh(c[j]);
        }
        return new ReferenceStep(x, hPrev, cPrev, i, f, g, o, c, h);
    }

    /// <summary>
    /// Backpropagation through time over the run: the output layer for every row, then each layer
    /// from the top, its steps from the last to the first, carrying dL/dh and dL/dc to the step before.
    /// </summary>
    public static ReferenceGradients Backward(CharLstm model, ReferenceRun run)
    {
        int B = run.BatchSize, T = run.SeqLength, R = B * T, V = model.Shape.VocabSize, H = model.Shape.HiddenSize, L = model.Layers.Length;
        var grads = model.Parameters.ToDictionary(p => p.Name, p => new double[p.Length]);

        // The loss: dL/dlogits = (softmax - onehot(target)) / B, then the output layer's backward.
        var dOut = new double[R][];
        for (int r = 0; r < R; r++)
        {
            var dLogits = new double[V];
            for (int v = 0; v < V; v++) dLogits[v] = (run.Probabilities[r][v] - (v == run.Targets[r] ? 1 : 0)) / B;
            var output = model.OutputWeight;
            var top = Masked(run.Steps[L - 1][r].H, run.Masks, L - 1, r);
            // Through the mask: a dropped unit gets no gradient, a kept one its share scaled by 1 / (1 - p).
            dOut[r] = Masked(LinearBackward(top, dLogits, output, grads[output.Name], grads[model.OutputBias.Name]), run.Masks, L - 1, r);
        }

        var startH = new double[L][];
        var startC = new double[L][];
        var dh = new double[L][][];
        var dGates = new double[L][][];
        for (int l = L - 1; l >= 0; l--)
        {
            var layer = model.Layers[l];
            var dIn = new double[R][];
            dh[l] = new double[R][];
            dGates[l] = new double[R][];
            startH[l] = new double[B * H];
            startC[l] = new double[B * H];
            for (int b = 0; b < B; b++)
            {
                // Nothing flows in from after the window's last step (truncated BPTT).
                double[] dhNext = new double[H], dcNext = new double[H];
                for (int t = T - 1; t >= 0; t--)
                {
                    int r = t * B + b;
                    var s = run.Steps[l][r];
                    // h_t feeds the layer above (or the output) and the next step: both gradients add up.
                    var dhT = new double[H];
                    for (int j = 0; j < H; j++) dhT[j] = dOut[r][j] + dhNext[j];
                    var (dz, dcPrev) = CellBackward(s, dhT, dcNext);
                    dh[l][r] = dhT;
                    dGates[l][r] = dz;
                    dIn[r] = LinearBackward(s.X, dz, layer.Wx, grads[layer.Wx.Name], grads[layer.Bias.Name]);
                    dhNext = LinearBackward(s.HPrev, dz, layer.Wh, grads[layer.Wh.Name], null);
                    dcNext = dcPrev;
                }
                dhNext.CopyTo(startH[l], b * H);
                dcNext.CopyTo(startC[l], b * H);
            }
            dOut = l == 0 ? dIn : [.. dIn.Select((d, r) => Masked(d, run.Masks, l - 1, r))];
        }
        // Layer 0's input was an embedding row: its gradient goes back to that row.
        int E = model.Shape.EmbeddingSize;
        var dEmbedding = grads[model.Embedding.Name];
        for (int r = 0; r < R; r++)
            for (int p = 0; p < E; p++) dEmbedding[run.Inputs[r] * E + p] += dOut[r][p];
        return new ReferenceGradients(grads, startH, startC, dh, dGates);
    }

    /// <summary>
    /// One cell step backward. dh: dL/dh_t (all of it); dcNext: dL/dc_t arriving from step t+1.
    /// Returns the gate pre-activation gradients dz = [di | df | dg | do] and dL/dc_{t-1}.
    /// <code>
    ///   dc = dcNext + dh * o * (1 - tanh(c)^2)
    ///   do = dh * tanh(c) * o (1 - o)     di = dc * g * i (1 - i)
    ///   dg = dc * i * (1 - g^2)           df = dc * c_prev * f (1 - f)      dc_prev = dc * f
    /// </code>
    /// </summary>
    public static (double[] DGates, double[] DCPrev) CellBackward(ReferenceStep s, double[] dh, double[] dcNext)
    {
        int H = s.H.Length;
        var dz = new double[4 * H];
        var dcPrev = new double[H];
        for (int j = 0; j < H; j++)
        {
            double tc = Math.Tanh(s.C[j]);
            double dc = dcNext[j] + dh[j] * s.O[j] * (1 - tc * tc);
            dz[j] = dc * s.G[j] * s.I[j] * (1 - s.I[j]);
            dz[H + j] = dc * s.CPrev[j] * s.F[j] * (1 - s.F[j]);
            dz[2 * H + j] = dc * s.I[j] * (1 - s.G[j] * s.G[j]);
            dz[3 * H + j] = dh[j] * tc * s.O[j] * (1 - s.O[j]);
            dcPrev[j] = dc * s.F[j];
        }
        return (dz, dcPrev);
    }

    /// <summary>y = bias + x W (bias may be null), W [in x out].</summary>
    public static double[] LinearForward(double[] x, Parameter w, float[]? bias)
    {
        var y = new double[w.Cols];
        for (int j = 0; j < w.Cols; j++)
        {
            double sum = bias is null ? 0 : bias[j];
            for (int p = 0; p < w.Rows; p++) sum += x[p] * w.Value[p * w.Cols + j];
            y[j] = sum;
        }
        return y;
    }

    /// <summary>Given dy = dL/dy of y = bias + x W: adds x^T dy to dW and dy to dBias (if given); returns dL/dx = W dy.</summary>
    public static double[] LinearBackward(double[] x, double[] dy, Parameter w, double[] dW, double[]? dBias)
    {
        var dx = new double[w.Rows];
        for (int p = 0; p < w.Rows; p++)
            for (int j = 0; j < w.Cols; j++)
            {
                dW[p * w.Cols + j] += x[p] * dy[j];
                dx[p] += w.Value[p * w.Cols + j] * dy[j];
            }
        if (dBias is not null) for (int j = 0; j < w.Cols; j++) dBias[j] += dy[j];
        return dx;
    }

    /// <summary>softmax(logits), the largest logit subtracted first so exp never overflows.</summary>
    public static double[] Softmax(double[] logits)
    {
        double max = logits.Max(), sum = 0;
        var p = new double[logits.Length];
        for (int v = 0; v < p.Length; v++) sum += p[v] = Math.Exp(logits[v] - max);
        for (int v = 0; v < p.Length; v++) p[v] /= sum;
        return p;
    }

    /// <summary>h times row <paramref name="row"/> of dropout mask <paramref name="k"/> (h itself without masks).</summary>
    static double[] Masked(double[] h, float[][]? masks, int k, int row)
    {
        if (masks is null) return h;
        var y = new double[h.Length];
        for (int j = 0; j < h.Length; j++) y[j] = h[j] * masks[k][row * h.Length + j];
        return y;
    }

    static double[] Row(float[] matrix, int row, int width)
    {
        var r = new double[width];
        for (int j = 0; j < width; j++) r[j] = matrix[row * width + j];
        return r;
    }
}
