using CharLstmLab.Checkpoints;
using CharLstmLab.Training;

namespace CharLstmLab.Tests;

/// <summary>A run stopped part-way through an iteration (Ctrl+C, SIGTERM, a failing log) saves and resumes exactly.</summary>
public class ResumeAfterStopTests
{
    static readonly TrainingSettings Settings = new()
    {
        HiddenSize = 16, EmbeddingSize = 8, Layers = 2, SeqLength = 10, BatchSize = 4, Iterations = 5,
        Optimizer = OptimizerKind.Adam, LearningRate = 0.01, SampleEvery = 2, SampleLength = 20, Seed = 11,
    };

    /// <summary>Trains until window <paramref name="window"/> of iteration <paramref name="iteration"/> has stepped, then cancels.</summary>
    static Trainer StoppedAt(int iteration, int window)
    {
        var trainer = new Trainer(TestData.Corpus, Settings);
        using var stop = new CancellationTokenSource();
        trainer.StepCompleted += s => { if (s.Iteration == iteration && s.Window == window) stop.Cancel(); };
        Assert.ThrowsAny<OperationCanceledException>(() => trainer.Run(stop.Token));
        return trainer;
    }

    [Fact]
    public void A_stop_inside_an_iteration_puts_weights_and_optimizer_back_at_the_last_whole_iteration()
    {
        var reference = new Trainer(TestData.Corpus, Settings with { Iterations = 2 });
        reference.Run();
        var stopped = StoppedAt(iteration: 3, window: 4);

        Assert.Equal(2, stopped.CompletedIterations);
        for (int i = 0; i < reference.Model.Parameters.Count; i++)
            Assert.Equal(reference.Model.Parameters[i].Value, stopped.Model.Parameters[i].Value);
        for (int i = 0; i < reference.Optimizer.State.Length; i++) Assert.Equal(reference.Optimizer.State[i], stopped.Optimizer.State[i]);
        Assert.Equal(reference.Optimizer.Steps, stopped.Optimizer.Steps);
    }

    [Fact]
    public void Saving_after_a_stop_and_resuming_gives_the_uninterrupted_run_bit_for_bit()
    {
        var continuous = new Trainer(TestData.Corpus, Settings);
        continuous.Run();

        string path = TestData.TempFile("stopped.clm");
        StoppedAt(iteration: 3, window: 4).ToCheckpoint().Save(path);
        var resumed = Checkpoint.Load(path).Resume(TestData.Corpus, Settings);
        resumed.Run();

        Assert.Equal(continuous.Log.Select(l => l.Loss), resumed.Log.Select(l => l.Loss));
        Assert.Equal(continuous.Log.Select(l => l.GradNorm), resumed.Log.Select(l => l.GradNorm));
        Assert.Equal(continuous.Log.Select(l => l.ValMeanCe), resumed.Log.Select(l => l.ValMeanCe));
        Assert.Equal(continuous.Log.Select(l => l.Sample), resumed.Log.Select(l => l.Sample));
        for (int i = 0; i < continuous.Model.Parameters.Count; i++)
            Assert.Equal(continuous.Model.Parameters[i].Value, resumed.Model.Parameters[i].Value);
        for (int i = 0; i < continuous.Optimizer.State.Length; i++) Assert.Equal(continuous.Optimizer.State[i], resumed.Optimizer.State[i]);
        Assert.Equal(continuous.Optimizer.Steps, resumed.Optimizer.Steps);
    }

    [Fact]
    public void A_handler_that_fails_after_an_iteration_leaves_that_iteration_complete()
    {
        // The CLI writes its log in this handler; a full disk there must not lose the iteration just trained.
        var trainer = new Trainer(TestData.Corpus, Settings);
        trainer.IterationCompleted += e => { if (e.Iteration == 2) throw new LabException("the disk is full"); };
        Assert.Throws<LabException>(() => trainer.Run());
        var reference = new Trainer(TestData.Corpus, Settings with { Iterations = 2 });
        reference.Run();
        Assert.Equal(2, trainer.CompletedIterations);
        for (int i = 0; i < reference.Model.Parameters.Count; i++)
            Assert.Equal(reference.Model.Parameters[i].Value, trainer.Model.Parameters[i].Value);
    }

    [Fact]
    public void A_log_whose_perplexity_overflowed_still_saves_and_loads()
    {
        // A loss that is finite while its perplexity (e^loss per character) overflows: the checkpoint and the CSV still take it.
        var sane = new Trainer(TestData.Corpus, Settings with { Iterations = 1 });
        sane.Run();
        var entry = sane.Log[0] with { Loss = 1e6, MeanCe = 1e5, Perplexity = double.PositiveInfinity };
        string path = TestData.TempFile("infinite.clm");
        Checkpoint.Capture(sane.Model, sane.Vocabulary, sane.Settings, sane.Optimizer, [entry]).Save(path);
        Assert.Equal(double.PositiveInfinity, Checkpoint.Load(path).Log[0].Perplexity);
        Assert.Contains(",Infinity,", entry.ToCsv());
    }
}
