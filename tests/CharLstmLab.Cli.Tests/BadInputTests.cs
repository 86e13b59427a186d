namespace CharLstmLab.Cli.Tests;

public class BadInputTests
{
    static readonly string Data = Charlstm.File("bad-input.md", string.Concat(Enumerable.Repeat(Charlstm.Corpus, 3)));

    static string Model()
    {
        string model = Path.Combine(Charlstm.Scratch, "bad-input.clm");
        if (!File.Exists(model))
            Assert.Equal(0, Charlstm.Run("train", "--data", Data, "--out", model, "--iterations", "1", "--hidden", "8", "--embedding", "4", "--seq-length", "8", "--batch-size", "2").ExitCode);
        return model;
    }

    [Fact]
    public void Missing_corpus() => Charlstm.AssertCleanFailure(Charlstm.Run("train", "--data", "/no/such.md"), "does not exist");

    [Fact]
    public void Empty_corpus() => Charlstm.AssertCleanFailure(Charlstm.Run("train", "--data", Charlstm.File("empty.md", "")), "empty");

    [Fact]
    public void Non_utf8_corpus()
    {
        string path = Path.Combine(Charlstm.Scratch, "latin1.md");
        File.WriteAllBytes(path, [0x43, 0x61, 0x66, 0xE9, 0x0A]);
        Charlstm.AssertCleanFailure(Charlstm.Run("train", "--data", path), "not valid UTF-8");
    }

    [Fact]
    public void Negative_hidden_size() => Charlstm.AssertCleanFailure(Charlstm.Run("train", "--data", Data, "--hidden", "-3"), "hidden size");

    [Fact]
    public void Prompt_outside_the_vocabulary() =>
        Charlstm.AssertCleanFailure(Charlstm.Run("sample", "--model", Model(), "--prompt", "Zq"), "not in the model's vocabulary");

    [Theory]
    [InlineData("--temperature", "0")]
    [InlineData("--temperature", "-1")]
    [InlineData("--top-p", "1.5")]
    [InlineData("--top-k", "0")]
    public void Bad_sampler_settings(string option, string value) =>
        Charlstm.AssertCleanFailure(Charlstm.Run("sample", "--model", Model(), option, value), "must");

    [Fact]
    public void Corrupt_checkpoint()
    {
        string copy = Path.Combine(Charlstm.Scratch, "corrupt.clm");
        var bytes = File.ReadAllBytes(Model());
        bytes[^10] ^= 0xFF;
        File.WriteAllBytes(copy, bytes);
        Charlstm.AssertCleanFailure(Charlstm.Run("sample", "--model", copy), "corrupt");
    }

    [Fact]
    public void Baselines_on_a_corpus_the_model_cannot_encode() => Charlstm.AssertCleanFailure(
        Charlstm.Run("score", "--model", Model(), "--text", Data, "--data", Charlstm.File("zebra.md", "Zebras quietly vex jumpy owls.\n")),
        "vocabulary");

    [Fact]
    public void Negative_beam_width_in_diagnose() =>
        Charlstm.AssertCleanFailure(Charlstm.Run("diagnose", "--model", Model(), "--data", Data, "--beam", "-1"), "--beam");

    [Fact]
    public void Unknown_option_is_a_parse_error() => Assert.NotEqual(0, Charlstm.Run("train", "--data", Data, "--bogus").ExitCode);
}
