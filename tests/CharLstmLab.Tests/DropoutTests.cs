using CharLstmLab.Checkpoints;
using CharLstmLab.Compute;
using CharLstmLab.Model;
using CharLstmLab.Reference;
using CharLstmLab.Training;

namespace CharLstmLab.Tests;

/// <summary>
/// Dropout between layers and before the decoder: the gradient with a fixed mask (finite differences
/// and <see cref="ReferenceLstm"/> given the same mask), determinism from the run's seed, resumption,
/// and that it changes nothing when off.
/// </summary>
public class DropoutTests
{
    static readonly TrainingSettings Small = new()
    {
        HiddenSize = 16, EmbeddingSize = 8, Layers = 2, SeqLength = 10, BatchSize = 4, Iterations = 2, SampleEvery = 0, Seed = 3,
    };

    [Theory]
    [InlineData(1, 3, 1)]
    [InlineData(2, 5, 1)]
    [InlineData(2, 18, 2)]
    public void The_fast_path_with_a_mask_matches_the_reference_with_the_same_mask(int layers, int B, int threads)
    {
        const int V = 30, E = 16, H = 40, T = 5;
        var (model, inputs, targets, state) = WindowPassReferenceTests.Window(V, E, H, layers, B, T);
        var masks = new DropoutMasks(0.4, layers, B * T, H);
        masks.Draw(DropoutMasks.WindowSeed(7, 1, 0));
        Assert.Contains(masks.Masks.SelectMany(m => m), v => v == 0f);

        var run = ReferenceLstm.Forward(model, inputs, targets, state, masks);
        var reference = ReferenceLstm.Backward(model, run);
        var pass = new WindowPass(model, B, T, new ComputeContext(threads)) { Dropout = masks };
        model.ZeroGrad();
        double loss = pass.Forward(inputs, targets, state.Clone());
        pass.Backward();

        Assert.Equal(run.Loss, loss, 1e-4 * Math.Abs(run.Loss));
        foreach (var p in model.Parameters)
        {
            double scale = Math.Max(1, reference.Parameters[p.Name].Max(Math.Abs));
            for (int i = 0; i < p.Length; i++)
                Assert.True(Math.Abs(reference.Parameters[p.Name][i] - p.Grad[i]) <= 1e-4 * scale, $"{p.Name}[{i}]");
        }
        // Without the mask the reference gives another loss: the mask is really applied.
        Assert.NotEqual(run.Loss, ReferenceLstm.Forward(model, inputs, targets, state).Loss, 6);
    }

    [Fact]
    public void Gradients_with_a_fixed_mask_match_finite_differences()
    {
        const int V = 7, E = 3, H = 4, B = 2, T = 5, layers = 2;
        var model = CharLstm.Create(new ModelShape(V, E, H, layers), seed: 3);
        var rng = new Random(17);
        foreach (var p in model.Parameters)
            for (int i = 0; i < p.Length; i++) p.Value[i] = (float)(rng.NextDouble() - 0.5);
        int[] inputs = Enumerable.Range(0, B * T).Select(_ => rng.Next(V)).ToArray();
        int[] targets = Enumerable.Range(0, B * T).Select(_ => rng.Next(V)).ToArray();
        var masks = new DropoutMasks(0.3, layers, B * T, H);
        masks.Draw(DropoutMasks.WindowSeed(1, 2, 3));
        var pass = new WindowPass(model, B, T) { Dropout = masks };
        double Loss() => pass.Forward(inputs, targets, model.InitHidden(B));
        model.ZeroGrad();
        Loss();
        pass.Backward();

        const float step = 1e-2f;
        double worst = 0;
        foreach (var p in model.Parameters)
            for (int i = 0; i < p.Length; i++)
            {
                float saved = p.Value[i];
                p.Value[i] = saved + step; double plus = Loss();
                p.Value[i] = saved - step; double minus = Loss();
                p.Value[i] = saved;
                double numeric = (plus - minus) / (2 * step);
                worst = Math.Max(worst, Math.Abs(numeric - p.Grad[i]) / Math.Max(Math.Abs(numeric) + Math.Abs(p.Grad[i]), 1e-2));
            }
        Assert.True(worst < 1e-2, $"max relative error {worst:E2}");
    }

    [Fact]
    public void Masks_are_inverted_and_drop_about_p()
    {
        var masks = new DropoutMasks(0.25, 1, 1000, 40);
        masks.Draw(42);
        var values = masks.Masks[0];
        Assert.All(values, v => Assert.True(v == 0f || v == (float)(1 / 0.75)));
        double dropped = values.Count(v => v == 0f) / (double)values.Length;
        Assert.InRange(dropped, 0.23, 0.27);
        var again = new DropoutMasks(0.25, 1, 1000, 40);
        again.Draw(42);
        Assert.Equal(values, again.Masks[0]);
        again.Draw(43);
        Assert.NotEqual(values, again.Masks[0]);
    }

    [Fact]
    public void A_run_with_dropout_is_the_same_for_any_thread_count_and_differs_from_one_without()
    {
        var one = new Trainer(TestData.Corpus, Small with { Dropout = 0.3, Threads = 1 }).Run();
        var two = new Trainer(TestData.Corpus, Small with { Dropout = 0.3, Threads = 2 }).Run();
        var off = new Trainer(TestData.Corpus, Small with { Threads = 1 }).Run();
        Assert.Equal(one.Select(l => l.Loss), two.Select(l => l.Loss));
        Assert.Equal(one.Select(l => l.ValMeanCe), two.Select(l => l.ValMeanCe));
        Assert.NotEqual(one.Select(l => l.Loss), off.Select(l => l.Loss));
    }

    [Fact]
    public void Dropout_zero_is_the_run_without_it()
    {
        var unset = new Trainer(TestData.Corpus, Small).Run();
        var zero = new Trainer(TestData.Corpus, Small with { Dropout = 0 }).Run();
        Assert.Equal(unset.Select(l => l.Loss), zero.Select(l => l.Loss));
    }

    [Fact]
    public void A_resumed_run_with_dropout_continues_exactly()
    {
        var settings = Small with { Dropout = 0.3, Iterations = 3 };
        var straight = new Trainer(TestData.Corpus, settings).Run();
        var first = new Trainer(TestData.Corpus, settings with { Iterations = 2 });
        first.Run();
        string path = TestData.TempFile("dropout.clm");
        first.Save(path);
        var resumed = Checkpoint.Load(path).Resume(TestData.Corpus, settings).Run();
        Assert.Equal(straight.Select(l => l.Loss), resumed.Select(l => l.Loss));
        Assert.Equal(0.3, Checkpoint.Load(path).Settings.Dropout);
    }

    [Fact]
    public void A_checkpoint_written_before_dropout_existed_loads_with_it_off()
    {
        var trainer = new Trainer(TestData.Corpus, Small with { Iterations = 1 });
        trainer.Run();
        string path = TestData.TempFile("before-dropout.clm");
        trainer.Save(path);
        var forge = new CheckpointForge(path);
        var settings = forge.Header["Settings"]!.AsObject();
        Assert.True(settings.Remove("Dropout")); // what a checkpoint of the earlier format holds
        var loaded = Checkpoint.Load(forge.Save(TestData.TempFile("old.clm")));
        Assert.Equal(0, loaded.Settings.Dropout);
        Assert.Equal(trainer.Log[0].Loss, loaded.Log[0].Loss);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void A_probability_outside_zero_one_is_refused(double p) =>
        Assert.Contains("dropout probability", Assert.Throws<LabException>(() => new Trainer(TestData.Corpus, Small with { Dropout = p })).Message);
}
