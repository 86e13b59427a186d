using CharLstmLab.Inspection;
using CharLstmLab.Model;
using CharLstmLab.Training;

namespace CharLstmLab.Tests.Inspection;

public class CellProbeTests
{
    static (CharLstm Model, int[] Tokens) Trained(int layers)
    {
        var corpus = TestData.Corpus;
        var trainer = new Trainer(corpus, new TrainingSettings
        {
            HiddenSize = 24, EmbeddingSize = 8, Layers = layers, SeqLength = 10, BatchSize = 4, Iterations = 2, SampleEvery = 0, Seed = 3,
        });
        trainer.Run();
        return (trainer.Model, trainer.Split.Validation);
    }

    // The probe makes the stepper's kernel calls on the same numbers in the same order, so "the same"
    // means bit for bit, not within a tolerance.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void The_recording_holds_the_steppers_h_and_c_bit_for_bit(int layers)
    {
        var (model, tokens) = Trained(layers);
        var recording = CellRecording.Record(model, tokens);
        var stepper = new Stepper(model);
        var logits = new float[model.Shape.VocabSize];
        for (int t = 0; t < tokens.Length; t++)
        {
            stepper.Step(tokens[t], logits);
            for (int l = 0; l < layers; l++)
            {
                Assert.True(recording.CellState(l, t).SequenceEqual(stepper.State.C[l]), $"c differs at step {t}, layer {l}");
                Assert.True(recording.Hidden(l, t).SequenceEqual(stepper.State.H[l]), $"h differs at step {t}, layer {l}");
            }
        }
    }

    [Fact]
    public void Gates_are_activations_and_h_is_o_times_tanh_c()
    {
        var (model, tokens) = Trained(1);
        var recording = CellRecording.Record(model, tokens);
        int H = recording.HiddenSize;
        for (int t = 0; t < recording.Length; t += 7)
        {
            var g = recording.Gates(0, t);
            for (int u = 0; u < H; u++)
            {
                Assert.InRange(g[u], 0f, 1f);
                Assert.InRange(g[2 * H + u], -1f, 1f);
                Assert.Equal(recording.Hidden(0, t)[u], g[3 * H + u] * MathF.Tanh(recording.CellState(0, t)[u]), 1e-5f);
            }
        }
    }

    [Fact]
    public void Losses_match_the_evaluator_and_a_clamp_holds_the_cell_and_changes_the_loss()
    {
        var (model, tokens) = Trained(2);
        Assert.Equal(Evaluator.MeanCrossEntropy(model, tokens), CellProbe.Losses(model, tokens).Average(), 9);

        var clamp = new CellClamp(0, 5, 0.75f);
        var probe = new CellProbe(model, clamp);
        var logits = new float[model.Shape.VocabSize];
        foreach (int token in tokens.Take(20))
        {
            probe.Step(token, logits);
            Assert.Equal(0.75f, probe.CellState(0)[5]);
        }
        Assert.NotEqual(CellProbe.Losses(model, tokens).Average(), CellProbe.Losses(model, tokens, clamp).Average());
    }

    [Fact]
    public void A_recording_over_its_cap_is_refused_before_it_is_made()
    {
        var (model, tokens) = Trained(1);
        var e = Assert.Throws<LabException>(() => CellRecording.Record(model, tokens, maxFloats: 1000));
        Assert.Contains("cap", e.Message);
        Assert.Throws<LabException>(() => new CellProbe(model, new CellClamp(1, 0, 0f)));
    }

    [Fact]
    public void The_finder_finds_a_cell_planted_in_the_labels_and_the_baselines_do_not()
    {
        var (model, tokens) = Trained(1);
        var recording = CellRecording.Record(model, tokens);
        var series = recording.CellSeries(0, 11);
        float median = series.Order().ElementAt(series.Length / 2);
        var labels = series.Select(v => v > median).ToArray();
        var finding = new CellFinder(recording, baselineRuns: 9).Find("planted", labels)!;
        Assert.Equal(new CellId(0, 11), finding.Best);
        Assert.Equal(1.0, finding.Value, 12);
        Assert.True(finding.AboveBaseline);
        Assert.InRange(finding.ShuffledBaseline, 0.5, 0.7);

        var inverted = new CellFinder(recording).Find("inverted", labels.Select(b => !b).ToArray())!;
        Assert.Equal(0.0, inverted.Value, 12);
        Assert.Equal(1.0, inverted.Score, 12);

        var counter = new CellFinder(recording, baselineRuns: 5).FindCounter("planted", series.Select(v => 3.0 * v - 1).ToArray())!;
        Assert.Equal(new CellId(0, 11), counter.Best);
        Assert.Equal(1.0, counter.Value, 9);

        Assert.Null(new CellFinder(recording).Find("absent", new bool[recording.Length]));
    }

    [Fact]
    public void The_analysis_reports_every_state_and_gate_shares_add_up()
    {
        var corpus = TestData.Corpus;
        var trainer = new Trainer(corpus, new TrainingSettings
        {
            HiddenSize = 16, EmbeddingSize = 8, SeqLength = 10, BatchSize = 4, Iterations = 2, SampleEvery = 0, ValidationFraction = 0.3,
        });
        trainer.Run();
        var analysis = CellAnalysis.OnValidation(trainer.Model, trainer.Vocabulary, corpus.Text, 0.3, new CellAnalysisOptions { BaselineRuns = 3 });
        Assert.Equal(Enum.GetValues<MarkdownState>().Length, analysis.States.Count);
        Assert.Null(analysis[MarkdownState.LinkText].Finding);           // the kettle notes have no links
        var fence = analysis[MarkdownState.CodeFence];
        Assert.NotNull(fence.Finding);
        Assert.NotNull(fence.Clamp);
        Assert.NotEqual(fence.Clamp!.Cell, fence.Control!.Cell);
        Assert.Equal(3, analysis.Saturation.Count);
        foreach (var gate in analysis.Saturation) Assert.InRange(gate.Below + gate.Above, 0, 1);
    }
}
