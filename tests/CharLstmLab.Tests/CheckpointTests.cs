using CharLstmLab.Checkpoints;
using CharLstmLab.Text;
using CharLstmLab.Training;

namespace CharLstmLab.Tests;

public class CheckpointTests
{
    static readonly TrainingSettings Settings = new()
    {
        HiddenSize = 24, EmbeddingSize = 8, Layers = 2, SeqLength = 12, BatchSize = 4, Iterations = 4,
        Optimizer = OptimizerKind.Adam, LearningRate = 0.01, ClipNorm = 5, SampleEvery = 2, SampleLength = 20, Seed = 3,
    };

    [Fact]
    public void Round_trip_keeps_weights_vocabulary_settings_and_log()
    {
        var trainer = new Trainer(TestData.Corpus, Settings with { Iterations = 2 });
        trainer.Run();
        string path = TestData.TempFile("model.clm");
        trainer.ToCheckpoint().Save(path);
        var loaded = Checkpoint.Load(path);
        Assert.Equal(trainer.Settings, loaded.Settings);
        Assert.Equal(trainer.Vocabulary.ToString(), loaded.Vocabulary.ToString());
        Assert.Equal(trainer.Log, loaded.Log);
        for (int i = 0; i < trainer.Model.Parameters.Count; i++) Assert.Equal(trainer.Model.Parameters[i].Value, loaded.Model.Parameters[i].Value);
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void Resuming_gives_the_same_losses_as_never_stopping()
    {
        var continuous = new Trainer(TestData.Corpus, Settings).Run();

        var first = new Trainer(TestData.Corpus, Settings with { Iterations = 2 });
        first.Run();
        string path = TestData.TempFile("half.clm");
        first.ToCheckpoint().Save(path);
        var resumed = Checkpoint.Load(path).Resume(TestData.Corpus, Settings).Run();

        Assert.Equal(continuous.Select(l => l.Loss), resumed.Select(l => l.Loss));
        Assert.Equal(continuous.Select(l => l.ValMeanCe), resumed.Select(l => l.ValMeanCe));
        // The short run also samples at its own last iteration (2); from iteration 3 on, samples agree.
        Assert.Equal(continuous.Skip(2).Select(l => l.Sample), resumed.Skip(2).Select(l => l.Sample));
    }

    static string Saved()
    {
        var trainer = new Trainer(TestData.Corpus, Settings with { Iterations = 1 });
        trainer.Run();
        string path = TestData.TempFile("model.clm");
        trainer.ToCheckpoint().Save(path);
        return path;
    }

    [Fact]
    public void A_flipped_byte_is_reported_as_corrupt()
    {
        string path = Saved();
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        Assert.Contains("corrupt", Assert.Throws<LabException>(() => Checkpoint.Load(path)).Message);
    }

    [Fact]
    public void A_truncated_file_is_reported_as_truncated()
    {
        string path = Saved();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 100)]);
        Assert.Contains("truncated", Assert.Throws<LabException>(() => Checkpoint.Load(path)).Message);
    }

    [Fact]
    public void Other_files_are_not_checkpoints()
    {
        string path = TestData.TempFile("notes.md");
        File.WriteAllText(path, "# not a model");
        Assert.Contains("not a CharLstmLab checkpoint", Assert.Throws<LabException>(() => Checkpoint.Load(path)).Message);
        Assert.Contains("does not exist", Assert.Throws<LabException>(() => Checkpoint.Load(path + ".missing")).Message);
    }

    [Fact]
    public void Resuming_on_a_mismatched_corpus_or_shape_is_refused()
    {
        var checkpoint = Checkpoint.Load(Saved());
        var other = Corpus.FromText(TestData.Corpus.Text + "\nZebra quagga! 42 ~");
        Assert.Contains("vocabulary lacks", Assert.Throws<LabException>(() => checkpoint.Resume(other)).Message);
        Assert.Contains("does not match", Assert.Throws<LabException>(() => checkpoint.Resume(TestData.Corpus, Settings with { HiddenSize = 8 })).Message);
        Assert.Contains("cannot resume", Assert.Throws<LabException>(() => checkpoint.Resume(TestData.Corpus, Settings with { Optimizer = OptimizerKind.Sgd })).Message);
    }

    [Fact]
    public void A_failed_save_leaves_the_previous_file_intact()
    {
        string path = Saved();
        var before = File.ReadAllBytes(path);
        Assert.Throws<LabException>(() => Checkpoint.Load(path).Save(Path.Combine(path + ".missing-folder", "x.clm")));
        Assert.Equal(before, File.ReadAllBytes(path));
    }
}
