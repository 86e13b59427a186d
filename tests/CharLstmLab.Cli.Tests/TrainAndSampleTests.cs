namespace CharLstmLab.Cli.Tests;

public class TrainAndSampleTests
{
    static readonly string Data = Charlstm.File("kettles.md", string.Concat(Enumerable.Repeat(Charlstm.Corpus, 3)));
    static readonly string[] Tiny = ["--hidden", "16", "--embedding", "8", "--seq-length", "10", "--batch-size", "4", "--sample-every", "2"];

    static string Train(string name, int iterations)
    {
        string model = Path.Combine(Charlstm.Scratch, name + ".clm"), log = Path.Combine(Charlstm.Scratch, name + ".csv");
        var r = Charlstm.Run(["train", "--data", Data, "--out", model, "--log", log, "--iterations", iterations.ToString(), .. Tiny]);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.True(File.Exists(model));
        return model;
    }

    [Fact]
    public void Train_writes_a_checkpoint_and_a_csv_log_then_sample_prints_only_text()
    {
        string model = Path.Combine(Charlstm.Scratch, "m.clm"), log = Path.Combine(Charlstm.Scratch, "m.csv");
        var r = Charlstm.Run(["train", "--data", Data, "--out", model, "--log", log, "--iterations", "3", .. Tiny]);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("iteration    3", r.Out);
        var lines = File.ReadAllLines(log);
        Assert.StartsWith("iteration,loss,mean_ce,perplexity,bpc,val_mean_ce,grad_norm,lr,seconds", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("3,", lines[3]);

        var s = Charlstm.Run("sample", "--model", model, "--prompt", "# Kettle", "--length", "40", "--seed", "3");
        Assert.True(s.ExitCode == 0, s.Err);
        Assert.StartsWith("# Kettle", s.Out);
        Assert.Equal("# Kettle".Length + 40 + 1, s.Out.Length);
        Assert.Equal("", s.Err);
        Assert.Equal(s.Out, Charlstm.Run("sample", "--model", model, "--prompt", "# Kettle", "--length", "40", "--seed", "3").Out);
        foreach (string threads in new[] { "1", "2" })
            Assert.Equal(s.Out, Charlstm.Run("sample", "--model", model, "--prompt", "# Kettle", "--length", "40", "--seed", "3", "--threads", threads).Out);
        Assert.Equal(0, Charlstm.Run("sample", "--model", model, "--greedy", "--length", "20").ExitCode);
        Assert.Equal(0, Charlstm.Run("sample", "--model", model, "--top-k", "3", "--length", "20").ExitCode);
        Assert.Equal(0, Charlstm.Run("sample", "--model", model, "--top-p", "0.9", "--temperature", "0.7", "--length", "20").ExitCode);
    }

    [Fact]
    public void Resume_continues_the_log_where_it_stopped()
    {
        string model = Train("resume", 2);
        string log = Path.Combine(Charlstm.Scratch, "resumed.csv");
        var r = Charlstm.Run(["train", "--data", Data, "--resume", model, "--out", model, "--log", log, "--iterations", "4"]);
        Assert.True(r.ExitCode == 0, r.Err);
        var lines = File.ReadAllLines(log);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("4,", lines[4]);
    }

    [Fact]
    public void Score_reports_every_unit()
    {
        string model = Train("score", 1);
        var r = Charlstm.Run("score", "--model", model, "--text", Data);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("perplexity", r.Out);
        Assert.Contains("bits per char", r.Out);
        Assert.Contains("baselines: pass --data", r.Out);

        var b = Charlstm.Run("score", "--model", model, "--text", Data, "--data", Data);
        Assert.True(b.ExitCode == 0, b.Err);
        Assert.StartsWith(r.Out[..r.Out.IndexOf("baselines", StringComparison.Ordinal)], b.Out); // the model's own lines are unchanged
        Assert.Contains("KN 8-gram", b.Out);
        Assert.Contains("brotli (given the training text)", b.Out);
        Assert.Contains("the LSTM (this checkpoint)", b.Out);
    }

    [Fact]
    public void Beam_width_one_prints_the_greedy_text_and_beam_refuses_other_samplers()
    {
        string model = Train("beam", 2);
        var greedy = Charlstm.Run("sample", "--model", model, "--greedy", "--length", "50");
        var beam = Charlstm.Run("sample", "--model", model, "--beam", "1", "--length", "50");
        Assert.True(beam.ExitCode == 0, beam.Err);
        Assert.Equal(greedy.Out, beam.Out);
        var wide = Charlstm.Run("sample", "--model", model, "--beam", "3", "--length", "50");
        Assert.Equal("#".Length + 50 + 1, wide.Out.Length);
        Charlstm.AssertCleanFailure(Charlstm.Run("sample", "--model", model, "--beam", "2", "--temperature", "0.5"), "--beam");
        Charlstm.AssertCleanFailure(Charlstm.Run("sample", "--model", model, "--beam", "0"), "must");
    }

    [Theory]
    [InlineData("train")]
    [InlineData("sample")]
    [InlineData("score")]
    public void Every_command_has_help(string command)
    {
        var r = Charlstm.Run(command, "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Usage:", r.Out);
    }
}

public class TableAndDiagnoseTests
{
    static readonly string Data = Charlstm.File("table.md", string.Concat(Enumerable.Repeat(Charlstm.Corpus, 4)));

    [Fact]
    public void Table_prints_the_article_rows_beside_measured_ones_and_writes_csv()
    {
        string csv = Path.Combine(Charlstm.Scratch, "table.csv");
        var r = Charlstm.Run("table", "--data", Data, "--csv", csv);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("60.49", r.Out);
        Assert.Contains("Small instability (temporary rebound)", r.Out);
        Assert.Contains("The article's ten points: rebounds 51: 0.95 -> 1.10", r.Out);
        Assert.Contains("still improving at 91", r.Out);
        var lines = File.ReadAllLines(csv);
        Assert.StartsWith("run,iteration,loss", lines[0]);
        Assert.Equal(10, lines.Count(l => l.StartsWith("\"article\",")));
        Assert.EndsWith(",invented_rate,unseen_real_rate", lines[0]);
        Assert.Contains("baselines on the validation text", r.Out);
        Assert.Contains("KN 5-gram", r.Out);
        Assert.Contains("LSTM 'article', best (iteration", r.Out);
    }

    [Fact]
    public void Diagnose_emits_json_per_strategy()
    {
        string model = Path.Combine(Charlstm.Scratch, "diag.clm");
        Assert.Equal(0, Charlstm.Run("train", "--data", Data, "--out", model, "--iterations", "2", "--hidden", "16", "--embedding", "8", "--seq-length", "10", "--batch-size", "4").ExitCode);
        var r = Charlstm.Run("diagnose", "--model", model, "--data", Data, "--samples", "2", "--length", "80", "--json");
        Assert.True(r.ExitCode == 0, r.Err);
        using var json = System.Text.Json.JsonDocument.Parse(r.Out);
        Assert.Contains(json.RootElement.EnumerateArray(), e => e.GetProperty("Strategy").GetString() == "greedy");
        Assert.All(json.RootElement.EnumerateArray(), e => Assert.InRange(e.GetProperty("NonsenseRate").GetDouble(), 0, 1));
        Assert.Contains(json.RootElement.EnumerateArray(), e => e.GetProperty("Strategy").GetString() == "beam 5");
        Assert.All(json.RootElement.EnumerateArray(), e => Assert.Equal(e.GetProperty("NonsenseRate").GetDouble(),
            e.GetProperty("InventedRate").GetDouble() + e.GetProperty("UnseenRealRate").GetDouble(), 9));
        var text = Charlstm.Run("diagnose", "--model", model, "--data", Data, "--samples", "1", "--length", "80", "--beam", "2");
        Assert.True(text.ExitCode == 0, text.Err);
        Assert.Contains("real unseen", text.Out);
        Assert.Contains("beam 2", text.Out);
    }

    [Theory]
    [InlineData("table")]
    [InlineData("diagnose")]
    public void Has_help(string command) => Assert.Contains("Usage:", Charlstm.Run(command, "--help").Out);
}
