using CharLstmLab.Compute;
using CharLstmLab.Model;
using CharLstmLab.Reference;

namespace CharLstmLab.Tests;

/// <summary>
/// The optimized window pass (blocked AVX-512 products, layer 0 through its per-token input table,
/// fused cells, threads splitting each time step by units or taking whole streams) against
/// <see cref="ReferenceLstm"/>, the equations in double precision: the same loss, logits, final
/// state, parameter gradients and start-state gradients within float tolerance, for ragged and
/// vector-friendly sizes, one and two layers, one and many streams, one and two threads.
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
    [InlineData(9, 3, 3, 2, 1, 3, 1)]      // B = 1, H = 3: the notebook's tiny size, with a second layer
    public void Matches_the_double_precision_reference(int V, int E, int H, int layers, int B, int T, int threads)
    {
        var (model, inputs, targets, state) = Window(V, E, H, layers, B, T);
        var run = ReferenceLstm.Forward(model, inputs, targets, state);
        var reference = ReferenceLstm.Backward(model, run);

        var pass = new WindowPass(model, B, T, new ComputeContext(threads));
        var after = state.Clone();
        model.ZeroGrad();
        double loss = pass.Forward(inputs, targets, after);
        pass.Backward();
        var start = pass.StartStateGradient();

        Assert.Equal(run.Loss, loss, 1e-4 * Math.Abs(run.Loss));
        AssertClose(run.Logits.SelectMany(r => r).ToArray(), pass.Logits.ToArray(), 2e-5, "logits");
        for (int l = 0; l < layers; l++)
        {
            AssertClose(FinalState(run, l, s => s.H), after.H[l], 2e-5, $"h[{l}]");
            AssertClose(FinalState(run, l, s => s.C), after.C[l], 2e-5, $"c[{l}]");
            AssertClose(reference.StartH[l], start.H[l], 1e-4, $"dLoss/dh0[{l}]");
            AssertClose(reference.StartC[l], start.C[l], 1e-4, $"dLoss/dc0[{l}]");
        }
        foreach (var p in model.Parameters) AssertClose(reference.Parameters[p.Name], p.Grad, 1e-4, p.Name);
    }

    [Fact]
    public void The_reference_itself_matches_finite_differences_in_double()
    {
        // The oracle is checked too: central differences of its own double-precision loss, h = 1e-5.
        var (model, inputs, targets, state) = Window(6, 3, 3, 2, 2, 4);
        var gradients = ReferenceLstm.Backward(model, ReferenceLstm.Forward(model, inputs, targets, state));
        double Loss() => ReferenceLstm.Forward(model, inputs, targets, state).Loss;
        foreach (var p in model.Parameters)
            for (int i = 0; i < p.Length; i += 3)
            {
                float saved = p.Value[i];
                const float h = 1e-3f;
                p.Value[i] = saved + h; double plus = Loss();
                p.Value[i] = saved - h; double minus = Loss();
                p.Value[i] = saved;
                double numeric = (plus - minus) / (2.0 * ((double)(saved + h) - saved));
                Assert.True(Math.Abs(numeric - gradients.Parameters[p.Name][i]) <= 1e-3 * Math.Max(1, Math.Abs(numeric)),
                    $"{p.Name}[{i}]: {gradients.Parameters[p.Name][i]} vs {numeric}");
            }
    }

    /// <summary>A model with weights large enough to saturate some gates, random tokens, and a random carried state.</summary>
    internal static (CharLstm Model, int[] Inputs, int[] Targets, LstmState State) Window(int V, int E, int H, int layers, int B, int T)
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
        return (model, inputs, targets, state);
    }

    static double[] FinalState(ReferenceRun run, int layer, Func<ReferenceStep, double[]> pick)
    {
        int B = run.BatchSize, last = (run.SeqLength - 1) * B;
        return Enumerable.Range(0, B).SelectMany(b => pick(run.Steps[layer][last + b])).ToArray();
    }

    static void AssertClose(double[] expected, float[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = Math.Max(1, expected.Max(Math.Abs));
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * scale, $"{what}[{i}]: {actual[i]} vs {expected[i]}");
    }
}
