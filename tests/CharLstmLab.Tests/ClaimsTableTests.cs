using CharLstmLab.Reproduction;
using CharLstmLab.Training;

namespace CharLstmLab.Tests;

public class ClaimsTableTests
{
    /// <summary>Every claim at a size that trains in seconds: the kettle notes, tiny models, short samples.</summary>
    static readonly ClaimsTableSettings Fast = new()
    {
        Article = ReproductionSettings.Article with { HiddenSize = 8, EmbeddingSize = 4, SeqLength = 8, BatchSize = 2, SampleEvery = 0 },
        Decoding = new TrainingSettings
        {
            HiddenSize = 12, EmbeddingSize = 4, SeqLength = 8, BatchSize = 2, Optimizer = OptimizerKind.Adagrad, LearningRate = 0.1,
            ClipValue = 5, Iterations = 6, SampleEvery = 0, ValidationFraction = 0.2,
        },
        Checkpoints = 3,
        DecodingPrompt = "# ",
        SampleLength = 40,
        SamplingSeeds = [1, 2],
        ForceAt = [4, 12],
        SnowballHorizon = 12,
        WarmFromCorpusAt = "## Table",
        WarmLength = 60,
        WarmNotInCorpus = "- boil the water\n- fill the cup\n",
        WarmUpSamplingSeeds = [1, 2, 3],
        EarlyCharacters = 20,
    };

    static readonly Lazy<ClaimsReport> FastReport = new(() => ClaimsTable.Run(TestData.Corpus, Fast with { Threads = 2 }));

    static ClaimEvidence Row(string id, Verdict verdict, double low, double high) =>
        new(id, "A claim | with a pipe.", verdict, "Line one\nline two.", 3, "some effect", 0.123456, low, high, "notebook 9, section 1");

    [Fact]
    public void Verdicts_read_as_the_table_words()
    {
        Assert.Equal("holds", ClaimsTable.Word(Verdict.Holds));
        Assert.Equal("does not hold", ClaimsTable.Word(Verdict.DoesNotHold));
        Assert.Equal("depends on", ClaimsTable.Word(Verdict.DependsOn));
        Assert.Equal("not established", ClaimsTable.Word(Verdict.NotEstablished));
        Assert.Throws<LabException>(() => ClaimsTable.Word((Verdict)42));
    }

    [Fact]
    public void The_markdown_table_has_one_line_per_row_with_effect_interval_and_where()
    {
        var report = new ClaimsReport([Row("a", Verdict.DoesNotHold, 0.1, 0.15), Row("b", Verdict.Holds, double.NaN, double.NaN)],
            ["Claim (f) counts rebounds, which needs at least 3 iterations, not 2."], 6);
        var lines = ClaimsTable.ToMarkdown(report).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("| claim | verdict | training seeds | effect, mean [95 % t-interval] | evidence | where |", lines[0]);
        Assert.StartsWith("|---|", lines[1]);
        Assert.Equal("| (a) A claim \\| with a pipe. | does not hold | 3 | some effect: 0.123 [0.1, 0.15] | Line one line two. | notebook 9, section 1 |", lines[2]);
        Assert.Contains("| holds | 3 | some effect: 0.123 (one training seed: no interval) |", lines[3]);
        Assert.Equal("Not measured: Claim (f) counts rebounds, which needs at least 3 iterations, not 2.", lines[4]);
        Assert.Equal(5, lines.Length);
        // Every table line has the header's seven pipes once escaped pipes are left out.
        Assert.All(lines.Take(4), l => Assert.Equal(7, l.Replace("\\|", "").Count(c => c == '|')));
    }

    [Fact]
    public void Effects_are_shown_to_three_significant_digits()
    {
        var row = Row("a", Verdict.Holds, 1.004, 1234.6) with { Effect = 310.26 };
        Assert.Equal("310 [1.00, 1235]", ClaimsTable.EffectWithInterval(row));
        Assert.Equal("-19.3 [-0.0523, 0]", ClaimsTable.EffectWithInterval(row with { Effect = -19.26, Low = -0.05234, High = 0 }));
        Assert.Equal(1, ClaimsTable.NoEffect(row));
        Assert.Equal(0, ClaimsTable.NoEffect(row with { Id = "d" }));
    }

    [Fact]
    public void Every_claim_is_measured_in_order_over_every_seed()
    {
        var report = FastReport.Value;
        Assert.Empty(report.NotMeasured);
        Assert.Equal(["a", "b", "c", "d", "d (snowball)", "e", "f", "f", "f, norm"], report.Rows.Select(r => r.Id));
        Assert.Equal(3 + 3 * 3 + 3, report.TrainedRuns);   // the article's runs once for five claims, three fixes, notebook 4's model
        Assert.All(report.Rows, r =>
        {
            Assert.Equal(3, r.TrainingSeeds);
            Assert.True(r.Low <= r.Effect && r.Effect <= r.High, $"({r.Id}) {r.Effect} outside [{r.Low}, {r.High}]");
            Assert.False(string.IsNullOrWhiteSpace(r.Evidence));
            Assert.StartsWith("notebook ", r.Where);
        });
        Assert.Equal(ClaimsTable.WhereStability, report.Rows[^1].Where);
    }

    [Fact]
    public void The_rows_do_not_depend_on_how_many_runs_train_at_once()
    {
        var one = ClaimsTable.Run(TestData.Corpus, Fast with { Threads = 1 });
        Assert.Equal(FastReport.Value.Rows, one.Rows);
        Assert.Equal(ClaimsTable.ToMarkdown(FastReport.Value), ClaimsTable.ToMarkdown(one));
    }

    [Fact]
    public void A_claim_the_settings_cannot_measure_is_named_and_the_rest_still_run()
    {
        var report = ClaimsTable.Run(TestData.Corpus, Fast.WithSeeds(2) with
        {
            Article = Fast.Article with { Iterations = 20 },
            DecodingPrompt = "Zq",
            WarmNotInCorpus = "Zebras\n",
        });
        Assert.Equal(["b", "c", "e", "f", "f", "f, norm"], report.Rows.Select(r => r.Id));
        Assert.Contains(report.NotMeasured, s => s.StartsWith("Claim (a) reads the loss at iteration 91"));
        Assert.Contains(report.NotMeasured, s => s.StartsWith("Claims (d) and the snowball") && s.Contains("'Z'"));
        Assert.Contains(report.NotMeasured, s => s.StartsWith("Claim (e)'s warm-up not in the corpus"));
        Assert.Contains("| (e) ", ClaimsTable.ToMarkdown(report));
        Assert.All(report.Rows, r => Assert.Equal(2, r.TrainingSeeds));
    }

    [Fact]
    public void Settings_that_cannot_run_fail_with_one_sentence_before_any_training()
    {
        Assert.Throws<LabException>(() => Fast.WithSeeds(0));
        Assert.Throws<LabException>(() => ClaimsTable.Run(TestData.Corpus, Fast with { Seeds = [] }));
        Assert.Throws<LabException>(() => ClaimsTable.Run(TestData.Corpus, Fast with { Seeds = [1, 1] }));
        Assert.Throws<LabException>(() => ClaimsTable.Run(TestData.Corpus, Fast with { Threads = -1 }));
        Assert.Throws<LabException>(() => ClaimsTable.Run(TestData.Corpus, Fast with { Temperature = 0 }));
        Assert.Throws<LabException>(() => ClaimsTable.Run(TestData.Corpus, Fast with { Checkpoints = 0 }));
        // Too short for windows of 25 characters in 16 streams: found when the trainer is built, not after training.
        var started = new List<string>();
        Assert.Throws<LabException>(() => ClaimsTable.Run(TestData.Corpus, Fast with { Decoding = Fast.Decoding with { SeqLength = 200, BatchSize = 16 } }, started.Add));
        Assert.Empty(started);
    }
}
