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

    [Theory]
    [InlineData("1")]
    [InlineData("-0.1")]
    [InlineData("NaN")]
    public void Dropout_outside_zero_one(string p) =>
        Charlstm.AssertCleanFailure(Charlstm.Run("train", "--data", Data, "--dropout", p), "dropout probability must be in [0, 1)");

    [Fact]
    public void Prompt_outside_the_vocabulary() =>
        Charlstm.AssertCleanFailure(Charlstm.Run("sample", "--model", Model(), "--prompt", "Zq"), "not in the model's vocabulary");

    [Theory]
    [InlineData("--temperature", "0")]
    [InlineData("--temperature", "-1")]
    [InlineData("--top-p", "1.5")]
    [InlineData("--top-k", "0")]
    [InlineData("--threads", "-1")]
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

public class CommandLineTests
{
    [Fact]
    public void A_parse_error_prints_the_error_and_usage_on_stderr_and_nothing_on_stdout()
    {
        var r = Charlstm.Run("train", "--data", "x.md", "--hidden", "abc");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("", r.Out);
        Assert.StartsWith("charlstm: ", r.Err);
        Assert.Contains("--hidden", r.Err.Split('\n')[0]);
        Assert.Contains("Usage:", r.Err);
        Assert.Contains("charlstm train", r.Err);
    }

    [Fact]
    public void A_prompt_file_gives_the_same_text_as_the_same_prompt_typed()
    {
        string data = Charlstm.File("prompt-file.md", string.Concat(Enumerable.Repeat(Charlstm.Corpus, 3)));
        string model = Path.Combine(Charlstm.Scratch, "prompt-file.clm");
        Assert.Equal(0, Charlstm.Run("train", "--data", data, "--out", model, "--iterations", "1", "--hidden", "8", "--embedding", "4", "--seq-length", "8", "--batch-size", "2").ExitCode);
        string prompt = "# Kettle guide\r\n\r\nA kettle";
        string file = Charlstm.File("prompt.txt", prompt);
        var typed = Charlstm.Run("sample", "--model", model, "--prompt", prompt.Replace("\r\n", "\n"), "--length", "30");
        var fromFile = Charlstm.Run("sample", "--model", model, "--prompt-file", file, "--length", "30");
        Assert.True(fromFile.ExitCode == 0, fromFile.Err);
        Assert.Equal(typed.Out, fromFile.Out);
        Assert.StartsWith("# Kettle guide\n\nA kettle", fromFile.Out);
    }

    [Fact]
    public void A_corpus_without_the_default_prompt_trains_with_a_prompt_of_its_own()
    {
        string data = Charlstm.File("no-hash.md", string.Concat(Enumerable.Repeat("plain words and more plain words\n", 20)));
        Charlstm.AssertCleanFailure(Charlstm.Run("train", "--data", data, "--out", "no-hash.clm", "--iterations", "1", "--hidden", "8"), "never uses");
        var r = Charlstm.Run("train", "--data", data, "--out", "no-hash.clm", "--iterations", "1", "--hidden", "8", "--prompt", "plain");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("sample at iteration 1:\nplain", r.Out);
    }

    [Fact]
    public void Resume_may_replace_the_checkpoint_it_read()
    {
        string data = Charlstm.File("in-place.md", string.Concat(Enumerable.Repeat(Charlstm.Corpus, 3)));
        string model = Path.Combine(Charlstm.Scratch, "in-place.clm");
        File.WriteAllText(model + ".tmp", "the user's own file");
        Assert.Equal(0, Charlstm.Run("train", "--data", data, "--out", model, "--iterations", "1", "--hidden", "8", "--embedding", "4", "--seq-length", "8", "--batch-size", "2").ExitCode);
        var r = Charlstm.Run("train", "--data", data, "--resume", model, "--out", model, "--iterations", "2");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal("the user's own file", File.ReadAllText(model + ".tmp"));
        Assert.Empty(Directory.GetFiles(Charlstm.Scratch, "in-place.clm.*.tmp"));
    }
}
