namespace CharLstmLab.Tests.Interop;

/// <summary>
/// nn.Embedding + nn.LSTM + nn.Linear in double precision, straight from PyTorch's documented
/// equations and its weight layout (weight_ih [4H, in], gate blocks i, f, g, o, two biases):
/// <code>
///   gates = W_ih x + b_ih + W_hh h + b_hh      i, f, g, o = sigmoid, sigmoid, tanh, sigmoid of its four blocks
///   c = f * c + i * g                          h = o * tanh(c)            logits = W_dec h_top + b_dec
/// </code>
/// </summary>
static class TorchReference
{
    /// <summary>The logits after each token, reading from the zero state.</summary>
    public static double[][] Logits(TorchFile file, int[] tokens)
    {
        int V = file["embedding.weight"].Shape[0], E = file["embedding.weight"].Shape[1], H = file["lstm.weight_hh_l0"].Shape[1];
        int layers = file.Entries.Count(e => e.Name.StartsWith("lstm.weight_ih_l", StringComparison.Ordinal));
        var h = new double[layers][];
        var c = new double[layers][];
        for (int k = 0; k < layers; k++) { h[k] = new double[H]; c[k] = new double[H]; }
        var result = new double[tokens.Length][];
        for (int t = 0; t < tokens.Length; t++)
        {
            double[] x = file.Values("embedding.weight").Skip(tokens[t] * E).Take(E).Select(v => (double)v).ToArray();
            for (int k = 0; k < layers; k++)
            {
                float[] wih = file.Values($"lstm.weight_ih_l{k}"), whh = file.Values($"lstm.weight_hh_l{k}");
                float[] bih = file.Values($"lstm.bias_ih_l{k}"), bhh = file.Values($"lstm.bias_hh_l{k}");
                var gates = new double[4 * H];
                for (int j = 0; j < 4 * H; j++)
                {
                    double sum = (double)bih[j] + bhh[j];
                    for (int i = 0; i < x.Length; i++) sum += wih[j * x.Length + i] * x[i];
                    for (int i = 0; i < H; i++) sum += whh[j * H + i] * h[k][i];
                    gates[j] = sum;
                }
                for (int u = 0; u < H; u++)
                {
                    double ig = Sigmoid(gates[u]), fg = Sigmoid(gates[H + u]), gg = Math.Tanh(gates[2 * H + u]), og = Sigmoid(gates[3 * H + u]);
                    c[k][u] = fg * c[k][u] + ig * gg;
                    h[k][u] = og * Math.Tanh(c[k][u]);
                }
                x = h[k].ToArray();
            }
            float[] wd = file.Values("decoder.weight"), bd = file.Values("decoder.bias");
            result[t] = new double[V];
            for (int v = 0; v < V; v++)
            {
                double sum = bd[v];
                for (int i = 0; i < H; i++) sum += wd[v * H + i] * x[i];
                result[t][v] = sum;
            }
        }
        return result;
    }

    static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
