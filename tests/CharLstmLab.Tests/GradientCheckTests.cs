using CharLstmLab.Compute;
using CharLstmLab.Model;
using Xunit.Abstractions;

namespace CharLstmLab.Tests;

/// <summary>
/// Analytic gradients of every parameter tensor against centered finite differences of the
/// window loss. The model runs in float32, so the step is h = 1e-2: the rounding error of a
/// difference quotient is about eps_float * |L| / h = 6e-8 * 10 / 1e-2 ~ 6e-5, the truncation error
/// is O(h^2) ~ 1e-4 relative. Relative errors use max(|a| + |n|, 1e-2) as denominator so that
/// this absolute noise on near-zero gradients stays under 1e-2, the tolerance; a wrong derivative
/// (a missing term, a wrong gate) is off by far more.
/// </summary>
public class GradientCheckTests(ITestOutputHelper output)
{
    const float Step = 1e-2f;
    const double Tolerance = 1e-2;

    [Theory]
    [InlineData(1, false)]
    [InlineData(1, true)]
    [InlineData(2, false)]
    [InlineData(2, true)]
    public void Analytic_gradients_match_finite_differences(int layers, bool carriedState)
    {
        const int V = 7, E = 3, H = 4, B = 2, T = 5;
        var model = CharLstm.Create(new ModelShape(V, E, H, layers), seed: 3);
        var rng = new Random(11);
        foreach (var p in model.Parameters)
            for (int i = 0; i < p.Length; i++) p.Value[i] = (float)(rng.NextDouble() - 0.5);
        int[] inputs = Enumerable.Range(0, B * T).Select(_ => rng.Next(V)).ToArray();
        int[] targets = Enumerable.Range(0, B * T).Select(_ => rng.Next(V)).ToArray();
        var start = model.InitHidden(B);
        if (carriedState)
            for (int l = 0; l < layers; l++)
                for (int i = 0; i < B * H; i++) { start.H[l][i] = (float)(rng.NextDouble() - 0.5); start.C[l][i] = (float)(rng.NextDouble() * 2 - 1); }

        var pass = new WindowPass(model, B, T);
        double Loss() => pass.Forward(inputs, targets, start.Clone());
        model.ZeroGrad();
        Loss();
        pass.Backward();

        double worst = 0;
        string worstAt = "";
        foreach (var p in model.Parameters)
        {
            double worstHere = 0;
            for (int i = 0; i < p.Length; i++)
            {
                float saved = p.Value[i];
                p.Value[i] = saved + Step;
                double plus = Loss();
                p.Value[i] = saved - Step;
                double minus = Loss();
                p.Value[i] = saved;
                double numeric = (plus - minus) / (2 * Step), analytic = p.Grad[i];
                double rel = Math.Abs(numeric - analytic) / Math.Max(Math.Abs(numeric) + Math.Abs(analytic), 1e-2);
                worstHere = Math.Max(worstHere, rel);
                if (rel > worst) { worst = rel; worstAt = $"{p.Name}[{i}] analytic {analytic:G6} numeric {numeric:G6}"; }
            }
            output.WriteLine($"{p,-28} max relative error {worstHere:E2}");
        }
        output.WriteLine($"worst: {worst:E2} at {worstAt}");
        Assert.True(worst < Tolerance, $"max relative error {worst:E2} at {worstAt}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void The_start_state_gradient_matches_finite_differences(int layers)
    {
        const int V = 7, E = 3, H = 4, B = 2, T = 5;
        var model = CharLstm.Create(new ModelShape(V, E, H, layers), seed: 3);
        var rng = new Random(13);
        foreach (var p in model.Parameters)
            for (int i = 0; i < p.Length; i++) p.Value[i] = (float)(rng.NextDouble() - 0.5);
        int[] inputs = Enumerable.Range(0, B * T).Select(_ => rng.Next(V)).ToArray();
        int[] targets = Enumerable.Range(0, B * T).Select(_ => rng.Next(V)).ToArray();
        var start = model.InitHidden(B);
        for (int l = 0; l < layers; l++)
            for (int i = 0; i < B * H; i++) { start.H[l][i] = (float)(rng.NextDouble() - 0.5); start.C[l][i] = (float)(rng.NextDouble() * 2 - 1); }

        var pass = new WindowPass(model, B, T);
        model.ZeroGrad();
        pass.Forward(inputs, targets, start.Clone());
        pass.Backward();
        var analytic = pass.StartStateGradient();

        double worst = 0;
        string worstAt = "";
        for (int l = 0; l < layers; l++)
            foreach (var (name, values, grads) in new[] { ("h0", start.H[l], analytic.H[l]), ("c0", start.C[l], analytic.C[l]) })
                for (int i = 0; i < values.Length; i++)
                {
                    float saved = values[i];
                    values[i] = saved + Step;
                    double plus = pass.Forward(inputs, targets, start.Clone());
                    values[i] = saved - Step;
                    double minus = pass.Forward(inputs, targets, start.Clone());
                    values[i] = saved;
                    double numeric = (plus - minus) / (2 * Step);
                    double rel = Math.Abs(numeric - grads[i]) / Math.Max(Math.Abs(numeric) + Math.Abs(grads[i]), 1e-2);
                    if (rel > worst) { worst = rel; worstAt = $"layer {l} {name}[{i}] analytic {grads[i]:G6} numeric {numeric:G6}"; }
                }
        output.WriteLine($"worst: {worst:E2} at {worstAt}");
        Assert.True(worst < Tolerance, $"max relative error {worst:E2} at {worstAt}");
        Assert.Contains(analytic.H.Concat(analytic.C).SelectMany(g => g), g => Math.Abs(g) > 1e-3); // not trivially zero
    }

    [Theory]
    [InlineData(11, 5, 8, 1)]
    [InlineData(40, 16, 512, 2)] // Wh large enough for the stepper's products to split over two threads
    public void Stepper_gives_the_same_logits_as_the_training_forward_pass(int V, int E, int H, int threads)
    {
        const int T = 9;
        var model = CharLstm.Create(new ModelShape(V, E, H, 2), seed: 5);
        var rng = new Random(2);
        int[] text = Enumerable.Range(0, T + 1).Select(_ => rng.Next(V)).ToArray();
        var pass = new WindowPass(model, 1, T);
        pass.Forward(text[..T], text[1..], model.InitHidden(1));
        var stepper = new Stepper(model, new ComputeContext(threads));
        var logits = new float[V];
        for (int t = 0; t < T; t++)
        {
            stepper.Step(text[t], logits);
            Assert.Equal(pass.Logits.Slice(t * V, V).ToArray(), logits);
        }
    }
}
