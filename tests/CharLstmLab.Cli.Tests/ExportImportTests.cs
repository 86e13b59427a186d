namespace CharLstmLab.Cli.Tests;

public class ExportImportTests
{
    static readonly string Data = Charlstm.File("torch.md", string.Concat(Enumerable.Repeat(Charlstm.Corpus, 3)));

    static string Trained(string name)
    {
        string model = Path.Combine(Charlstm.Scratch, name + ".clm");
        var r = Charlstm.Run("train", "--data", Data, "--out", model, "--iterations", "2", "--hidden", "12", "--embedding", "5", "--layers", "2",
            "--seq-length", "8", "--batch-size", "3", "--optimizer", "adam", "--lr", "0.01");
        Assert.True(r.ExitCode == 0, r.Err);
        return model;
    }

    static void Succeeds(Charlstm.Result r) => Assert.True(r.ExitCode == 0, r.Err);

    [Fact]
    public void Export_then_import_gives_a_checkpoint_every_command_accepts()
    {
        string model = Trained("to-torch"), exported = Path.Combine(Charlstm.Scratch, "to-torch.safetensors"), back = Path.Combine(Charlstm.Scratch, "from-torch.clm");
        byte[] before = File.ReadAllBytes(model);
        var export = Charlstm.Run("export", "--model", model, "--out", exported);
        Succeeds(export);
        Assert.Contains("layers=2", export.Out);
        Succeeds(Charlstm.Run("import", "--from", exported, "--out", back));
        Assert.Equal(before, File.ReadAllBytes(model));

        string[] sample = ["--prompt", "# Kettle", "--length", "80", "--seed", "5"];
        Assert.Equal(Charlstm.Run(["sample", "--model", model, .. sample]).Out, Charlstm.Run(["sample", "--model", back, .. sample]).Out);
        Assert.Equal(Charlstm.Run("score", "--model", model, "--text", Data).Out, Charlstm.Run("score", "--model", back, "--text", Data).Out);
        Succeeds(Charlstm.Run("diagnose", "--model", back, "--data", Data, "--samples", "1", "--length", "60"));

        // No optimizer state or log came with the weights, so resuming starts a new run at iteration 1.
        string log = Path.Combine(Charlstm.Scratch, "from-torch.csv");
        Succeeds(Charlstm.Run("train", "--data", Data, "--resume", back, "--out", Path.Combine(Charlstm.Scratch, "tuned.clm"), "--log", log, "--iterations", "1"));
        Assert.StartsWith("1,", File.ReadAllLines(log)[1]);
        Assert.Equal(2, File.ReadAllLines(log).Length);

        // A second export of the imported checkpoint writes the same file.
        string again = Path.Combine(Charlstm.Scratch, "again.safetensors");
        Succeeds(Charlstm.Run("export", "--model", back, "--out", again));
        Assert.Equal(File.ReadAllBytes(exported), File.ReadAllBytes(again));
    }

    [Fact]
    public void Export_refuses_to_overwrite_its_input()
    {
        string model = Trained("same-export");
        byte[] before = File.ReadAllBytes(model);
        Charlstm.AssertCleanFailure(Charlstm.Run("export", "--model", model, "--out", model), "same file as --model");
        Assert.Equal(before, File.ReadAllBytes(model));
    }

    [Fact]
    public void Import_refuses_to_overwrite_its_input()
    {
        string path = Charlstm.File("same-import.safetensors", "whatever");
        Charlstm.AssertCleanFailure(Charlstm.Run("import", "--from", path, "--out", path), "same file as --from");
        Assert.Equal("whatever", File.ReadAllText(path));
    }

    [Fact]
    public void Export_of_a_missing_or_foreign_model() =>
        Charlstm.AssertCleanFailure(Charlstm.Run("export", "--model", Data, "--out", Path.Combine(Charlstm.Scratch, "x.safetensors")), "not a CharLstmLab checkpoint");

    [Fact]
    public void Import_of_something_that_is_not_safetensors()
    {
        string output = Path.Combine(Charlstm.Scratch, "never.clm");
        Charlstm.AssertCleanFailure(Charlstm.Run("import", "--from", Charlstm.File("tiny.safetensors", "{}"), "--out", output), "fewer than the 8");
        Charlstm.AssertCleanFailure(Charlstm.Run("import", "--from", Data, "--out", output), "not a safetensors file");
        Charlstm.AssertCleanFailure(Charlstm.Run("import", "--from", Path.Combine(Charlstm.Scratch, "nothing.safetensors"), "--out", output), "does not exist");
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Import_into_a_missing_folder()
    {
        string model = Trained("folder"), exported = Path.Combine(Charlstm.Scratch, "folder.safetensors");
        Succeeds(Charlstm.Run("export", "--model", model, "--out", exported));
        Charlstm.AssertCleanFailure(Charlstm.Run("import", "--from", exported, "--out", Path.Combine(Charlstm.Scratch, "no-such-folder", "m.clm")), "does not exist");
        Charlstm.AssertCleanFailure(Charlstm.Run("export", "--model", model, "--out", Path.Combine(Charlstm.Scratch, "no-such-folder", "m.safetensors")), "does not exist");
    }

    [Theory]
    [InlineData("export")]
    [InlineData("import")]
    public void Both_commands_have_help_and_required_options(string command)
    {
        var help = Charlstm.Run(command, "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--out", help.Out);
        Assert.NotEqual(0, Charlstm.Run(command).ExitCode);
    }
}
