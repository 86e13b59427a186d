using CharLstmLab.Sampling;
using CharLstmLab.Text;
using CharLstmLab.Training;

namespace CharLstmLab.Tests;

public class BadInputTests
{
    static LabException Fails(Action action) => Assert.Throws<LabException>(action);

    [Fact]
    public void Empty_corpus() => Assert.Contains("empty", Fails(() => Corpus.FromText("")).Message);

    [Fact]
    public void Empty_file()
    {
        string path = TestData.TempFile("empty.md");
        File.WriteAllText(path, "");
        Assert.Contains("empty", Fails(() => Corpus.Load(path)).Message);
    }

    [Fact]
    public void One_character_corpus() => Assert.Contains("one distinct character", Fails(() => Corpus.FromText("aaaaaaaa")).Message);

    [Fact]
    public void Missing_file() => Assert.Contains("does not exist", Fails(() => Corpus.Load("/no/such/corpus.md")).Message);

    [Fact]
    public void Folder_without_markdown() => Assert.Contains("no .md files", Fails(() => Corpus.Load(Directory.CreateTempSubdirectory().FullName)).Message);

    [Fact]
    public void Non_utf8_file()
    {
        string path = TestData.TempFile("latin1.md");
        File.WriteAllBytes(path, [0x23, 0x20, 0x43, 0x61, 0x66, 0xE9, 0x0A]); // "# Caf\xe9" in Latin-1
        Assert.Contains("not valid UTF-8", Fails(() => Corpus.Load(path)).Message);
    }

    [Fact]
    public void Binary_file()
    {
        string path = TestData.TempFile("image.md");
        File.WriteAllBytes(path, [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x1A]);
        Assert.Contains("binary", Fails(() => Corpus.Load(path)).Message);
    }

    [Fact]
    public void Prompt_character_outside_the_vocabulary()
    {
        var trainer = new Trainer(TestData.Corpus, new TrainingSettings { HiddenSize = 8, EmbeddingSize = 4, Iterations = 1, SampleEvery = 0 });
        var generator = new TextGenerator(trainer.Model, trainer.Vocabulary);
        var e = Fails(() => generator.Generate("# Zebra", 10, new GreedySampler(), new Random(1)));
        Assert.Contains("'Z'", e.Message);
        Assert.Contains("not in the model's vocabulary", e.Message);
        Fails(() => generator.Generate("", 10, new GreedySampler(), new Random(1)));
    }

    [Theory]
    [InlineData(nameof(TrainingSettings.HiddenSize))]
    [InlineData(nameof(TrainingSettings.EmbeddingSize))]
    [InlineData(nameof(TrainingSettings.Layers))]
    [InlineData(nameof(TrainingSettings.SeqLength))]
    [InlineData(nameof(TrainingSettings.BatchSize))]
    [InlineData(nameof(TrainingSettings.Iterations))]
    public void Negative_sizes(string setting)
    {
        var s = new TrainingSettings();
        s = setting switch
        {
            nameof(TrainingSettings.HiddenSize) => s with { HiddenSize = -1 },
            nameof(TrainingSettings.EmbeddingSize) => s with { EmbeddingSize = -1 },
            nameof(TrainingSettings.Layers) => s with { Layers = 0 },
            nameof(TrainingSettings.SeqLength) => s with { SeqLength = -5 },
            nameof(TrainingSettings.BatchSize) => s with { BatchSize = 0 },
            _ => s with { Iterations = -3 },
        };
        Assert.Contains("must be", Fails(() => new Trainer(TestData.Corpus, s)).Message);
    }

    [Fact]
    public void Bad_sampler_settings_are_refused_before_training()
    {
        Fails(() => new Trainer(TestData.Corpus, new TrainingSettings { Sampler = new SamplerSettings(SamplerKind.Temperature, Temperature: 0) }));
        Fails(() => new Trainer(TestData.Corpus, new TrainingSettings { Sampler = new SamplerSettings(SamplerKind.TopP, TopP: 1.2) }));
        Fails(() => new Trainer(TestData.Corpus, new TrainingSettings { LearningRate = double.NaN }));
    }

    [Fact]
    public void Corpus_too_short_for_the_batch_shape() =>
        Assert.Contains("too short", Fails(() => new Trainer(Corpus.FromText("ab ab ab"), new TrainingSettings())).Message);
}

public class SettingsAndSizeTests
{
    static LabException Fails(Action action) => Assert.Throws<LabException>(action);

    [Theory]
    [InlineData(1e-300)]
    [InlineData(1e-40)]
    [InlineData(1e39)]
    public void A_learning_rate_that_float_cannot_hold_is_refused(double lr) =>
        Assert.Contains("32-bit floats", Fails(() => new Trainer(TestData.Corpus, new TrainingSettings { LearningRate = lr })).Message);

    [Fact]
    public void A_prompt_outside_the_corpus_is_refused_before_training_unless_sampling_is_off()
    {
        var corpus = Corpus.FromText(string.Concat(Enumerable.Repeat("no hash sign in this text at all\n", 40)));
        var e = Fails(() => new Trainer(corpus, new TrainingSettings { HiddenSize = 8 }));
        Assert.Contains("'#' (U+0023)", e.Message);
        Assert.Contains("never uses", e.Message);
        Assert.Single(new Trainer(corpus, new TrainingSettings { HiddenSize = 8, Iterations = 1, SampleEvery = 0 }).Run());
        Assert.NotNull(new Trainer(corpus, new TrainingSettings { HiddenSize = 8, Iterations = 1, Prompt = "no" }).Run()[0].Sample);
    }

    [Fact]
    public void A_model_too_large_for_memory_is_refused_with_its_largest_tensor_before_allocating()
    {
        var e = Fails(() => new Trainer(TestData.Corpus, new TrainingSettings { HiddenSize = 100_000 }));
        Assert.Contains("for lstm0.wh alone", e.Message);
        Assert.Contains("fit in this machine's memory", e.Message);
        // Sizes whose products overflow int or long are still a sentence, never a wrapped size.
        Fails(() => new Trainer(TestData.Corpus, new TrainingSettings { HiddenSize = int.MaxValue, Layers = int.MaxValue }));
        Fails(() => new Trainer(TestData.Corpus, new TrainingSettings { BatchSize = int.MaxValue, SeqLength = int.MaxValue }));
        Fails(() => new CharLstmLab.Model.CharLstm(new CharLstmLab.Model.ModelShape(int.MaxValue, int.MaxValue, 1, 1)));
    }

    [Fact]
    public void Streaming_generation_gives_the_same_text_as_generating_at_once()
    {
        var trainer = new Trainer(TestData.Corpus, new TrainingSettings { HiddenSize = 8, EmbeddingSize = 4, Iterations = 1, SampleEvery = 0 });
        var generator = new TextGenerator(trainer.Model, trainer.Vocabulary);
        string whole = generator.Generate("# ", 300, new TemperatureSampler(0.9), new Random(5)).Text;
        string streamed = string.Concat(generator.Stream("# ", 300, new TemperatureSampler(0.9), new Random(5)));
        Assert.Equal(whole, streamed);
        // Arguments are checked when the stream is made, not when it is first read.
        Fails(() => generator.Stream("#", -1, new GreedySampler(), new Random(1)));
        Fails(() => generator.Stream("Z~", 10, new GreedySampler(), new Random(1)));
    }
}
