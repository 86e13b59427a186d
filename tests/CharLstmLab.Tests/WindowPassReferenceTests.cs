using CharLstmLab.Compute;
using CharLstmLab.Model;

namespace CharLstmLab.Tests;

/// <summary>
/// The optimized window pass (blocked AVX-512 products, layer 0 through its per-token input table,
/// fused cells, threads splitting each time step by units or taking whole streams) against a
/// textbook LSTM written with plain loops in double precision, one row at a time: the same loss,
/// logits, final state and gradients within float tolerance, for ragged and vector-friendly
/// sizes, one and two layers, one and two threads.
/// </summary>
public class WindowPassReferenceTests
{
    [Theory]
    [InlineData(30, 16, 40, 1, 5, 7, 1)]   // H = 40: ragged unit ranges and columns
    [InlineData(37, 24, 64, 2, 8, 6, 2)]   // H = 64: full vectors, two threads own 32 units each
    [InlineData(37, 24, 64, 2, 8, 6, 1)]
    [InlineData(165, 32, 96, 1, 4, 9, 2)]
    [InlineData(30, 16, 40, 2, 18, 5, 2)]  // B = 18: two threads take whole streams, 12 + 6 rows
    [InlineData(37, 24, 64, 1, 16, 4, 2)]  // B = 16: 8 streams each
    public void Matches_a_naive_double_precision_reference(int V, int E, int H, int layers, int B, int T, int threads)
    {
        var model = CharLstm.Create(new ModelShape(V, E, H, layers), seed: 5);
        var rng = new Random(V + H);
        foreach (var p in model.Parameters)
            for (int i = 0; i < p.Length; i++) p.Value[i] = (float)((rng.NextDouble() - 0.5) * 0.8);
        int[] inputs = Enumerable.Range(0, B * T).Select(_ => rng.Next(V)).ToArray();
        int[] targets = Enumerable.Range(0, B * T).Select(_ => rng.Next(V)).ToArray();
        var state = model.InitHidden(B);
        for (int l = 0; l < layers; l++)
            for (int i = 0; i < B * H; i++) { state.H[l][i] = (float)(rng.NextDouble() - 0.5); state.C[l][i] = (float)(rng.NextDouble() * 2 - 1); }
        var reference = NaiveLstm.Run(model, inputs, targets, state, B, T);

        var pass = new WindowPass(model, B, T, new ComputeContext(threads));
        var after = state.Clone();
        model.ZeroGrad();
        double loss = pass.Forward(inputs, targets, after);
        pass.Backward();

        Assert.Equal(reference.Loss, loss, 1e-4 * Math.Abs(reference.Loss));
        AssertClose(reference.Logits, pass.Logits.ToArray(), 2e-5, "logits");
        for (int l = 0; l < layers; l++)
        {
            AssertClose(reference.FinalH[l], after.H[l], 2e-5, $"h[{l}]");
            AssertClose(reference.FinalC[l], after.C[l], 2e-5, $"c[{l}]");
        }
        foreach (var p in model.Parameters) AssertClose(reference.Grads[p.Name], p.Grad, 1e-4, p.Name);
    }

    static void AssertClose(double[] expected, float[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = Math.Max(1, expected.Max(Math.Abs));
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * scale, $"{what}[{i}]: {actual[i]} vs {expected[i]}");
    }

    /// <summary>The LSTM of <see cref="CharLstm"/>, one row and one element at a time, in double.</summary>
    static class NaiveLstm
    {
        public sealed record Result(double Loss, double[] Logits, double[][] FinalH, double[][] FinalC, Dictionary<string, double[]> Grads);

        static double Sig(double x) => 1 / (1 + Math.Exp(-x));

        public static Result Run(CharLstm model, int[] inputs, int[] targets, LstmState state, int B, int T)
        {
            var s = model.Shape;
            int V = s.VocabSize, E = s.EmbeddingSize, H = s.HiddenSize, L = s.Layers, R = B * T;
            double[] W(Parameter p) => p.Value.Select(v => (double)v).ToArray();
            var grads = model.Parameters.ToDictionary(p => p.Name, p => new double[p.Length]);

            // Forward. xs[l][r] is the input row of layer l at row r = t*B + b.
            var xs = new double[L + 1][][];
            xs[0] = Enumerable.Range(0, R).Select(r => W(model.Embedding).AsSpan(inputs[r] * E, E).ToArray()).ToArray();
            var acts = new double[L][][]; var cs = new double[L][][]; var hPrev = new double[L][][]; var cPrev = new double[L][][];
            var finalH = new double[L][]; var finalC = new double[L][];
            for (int l = 0; l < L; l++)
            {
                var layer = model.Layers[l];
                double[] wx = W(layer.Wx), wh = W(layer.Wh), bias = W(layer.Bias);
                int In = layer.InputSize;
                var h = Enumerable.Range(0, B).Select(b => state.H[l].AsSpan(b * H, H).ToArray().Select(v => (double)v).ToArray()).ToArray();
                var c = Enumerable.Range(0, B).Select(b => state.C[l].AsSpan(b * H, H).ToArray().Select(v => (double)v).ToArray()).ToArray();
                acts[l] = new double[R][]; cs[l] = new double[R][]; hPrev[l] = new double[R][]; cPrev[l] = new double[R][]; xs[l + 1] = new double[R][];
                for (int t = 0; t < T; t++)
                    for (int b = 0; b < B; b++)
                    {
                        int r = t * B + b;
                        var a = new double[4 * H];
                        for (int j = 0; j < 4 * H; j++)
                        {
                            double z = bias[j];
                            for (int p = 0; p < In; p++) z += xs[l][r][p] * wx[p * 4 * H + j];
                            for (int p = 0; p < H; p++) z += h[b][p] * wh[p * 4 * H + j];
                            a[j] = j >= 2 * H && j < 3 * H ? Math.Tanh(z) : Sig(z);
                        }
                        hPrev[l][r] = h[b]; cPrev[l][r] = c[b];
                        var cn = new double[H]; var hn = new double[H];
                        for (int j = 0; j < H; j++) { cn[j] = a[H + j] * c[b][j] + a[j] * a[2 * H + j]; hn[j] = a[3 * H + j] * Math.Tanh(cn[j]); }
                        acts[l][r] = a; cs[l][r] = cn; xs[l + 1][r] = hn;
                        h[b] = hn; c[b] = cn;
                    }
                finalH[l] = h.SelectMany(v => v).ToArray();
                finalC[l] = c.SelectMany(v => v).ToArray();
            }
            double[] wy = W(model.OutputWeight), by = W(model.OutputBias);
            var logits = new double[R * V];
            double loss = 0;
            var dTop = new double[R][];
            for (int r = 0; r < R; r++)
            {
                for (int v = 0; v < V; v++)
                {
                    double z = by[v];
                    for (int p = 0; p < H; p++) z += xs[L][r][p] * wy[p * V + v];
                    logits[r * V + v] = z;
                }
                double max = logits.AsSpan(r * V, V).ToArray().Max(), sum = 0;
                for (int v = 0; v < V; v++) sum += Math.Exp(logits[r * V + v] - max);
                loss += Math.Log(sum) + max - logits[r * V + targets[r]];
                dTop[r] = new double[H];
                for (int v = 0; v < V; v++)
                {
                    double d = (Math.Exp(logits[r * V + v] - max) / sum - (v == targets[r] ? 1 : 0)) / B;
                    grads[model.OutputBias.Name][v] += d;
                    for (int p = 0; p < H; p++) { grads[model.OutputWeight.Name][p * V + v] += xs[L][r][p] * d; dTop[r][p] += wy[p * V + v] * d; }
                }
            }

            // Backward through time, layer by layer from the top.
            var dOut = dTop;
            for (int l = L - 1; l >= 0; l--)
            {
                var layer = model.Layers[l];
                double[] wx = W(layer.Wx), wh = W(layer.Wh);
                int In = layer.InputSize;
                double[] gWx = grads[layer.Wx.Name], gWh = grads[layer.Wh.Name], gB = grads[layer.Bias.Name];
                var dIn = Enumerable.Range(0, R).Select(_ => new double[In]).ToArray();
                var dh = Enumerable.Range(0, B).Select(_ => new double[H]).ToArray();
                var dc = Enumerable.Range(0, B).Select(_ => new double[H]).ToArray();
                for (int t = T - 1; t >= 0; t--)
                    for (int b = 0; b < B; b++)
                    {
                        int r = t * B + b;
                        var a = acts[l][r];
                        var dz = new double[4 * H];
                        for (int j = 0; j < H; j++)
                        {
                            double i = a[j], f = a[H + j], g = a[2 * H + j], o = a[3 * H + j], tc = Math.Tanh(cs[l][r][j]);
                            double dhj = dh[b][j] + dOut[r][j];
                            double dcj = dc[b][j] + dhj * o * (1 - tc * tc);
                            dz[3 * H + j] = dhj * tc * o * (1 - o);
                            dz[j] = dcj * g * i * (1 - i);
                            dz[2 * H + j] = dcj * i * (1 - g * g);
                            dz[H + j] = dcj * cPrev[l][r][j] * f * (1 - f);
                            dc[b][j] = dcj * f;
                        }
                        var dhPrev = new double[H];
                        for (int j = 0; j < 4 * H; j++)
                        {
                            gB[j] += dz[j];
                            for (int p = 0; p < In; p++) { gWx[p * 4 * H + j] += xs[l][r][p] * dz[j]; dIn[r][p] += wx[p * 4 * H + j] * dz[j]; }
                            for (int p = 0; p < H; p++) { gWh[p * 4 * H + j] += hPrev[l][r][p] * dz[j]; dhPrev[p] += wh[p * 4 * H + j] * dz[j]; }
                        }
                        dh[b] = dhPrev;
                    }
                dOut = dIn;
            }
            for (int r = 0; r < R; r++)
                for (int p = 0; p < E; p++) grads[model.Embedding.Name][inputs[r] * E + p] += dOut[r][p];
            return new Result(loss / B, logits, finalH, finalC, grads);
        }
    }
}
