namespace CharLstmLab.Cli.Tests;

public class ClaimsCommandTests
{
    static readonly string Data = Charlstm.File("claims.md", string.Concat(Enumerable.Repeat(Charlstm.Corpus, 4)));

    [Theory]
    [InlineData("--seeds", "0", "number of training seeds")]
    [InlineData("--seeds", "-2", "number of training seeds")]
    [InlineData("--threads", "-1", "thread count")]
    public void Bad_settings_fail_with_one_sentence(string option, string value, string expected) =>
        Charlstm.AssertCleanFailure(Charlstm.Run("claims", "--data", Data, option, value), expected);

    [Fact]
    public void Missing_corpus() => Charlstm.AssertCleanFailure(Charlstm.Run("claims", "--data", "/no/such.md"), "does not exist");

    [Fact]
    public void Too_short_a_corpus_fails_before_any_training()
    {
        var r = Charlstm.Run("claims", "--data", Charlstm.File("claims-short.md", "# Kettle\n\nA kettle boils water.\n"));
        Charlstm.AssertCleanFailure(r, "charlstm: ");
        Assert.DoesNotContain("trained ", r.Err);
    }

    [Fact]
    public void One_seed_on_a_small_corpus_prints_the_whole_table_and_says_what_it_could_not_measure()
    {
        var r = Charlstm.Run("claims", "--data", Data, "--seeds", "1", "--threads", "2");
        Assert.True(r.ExitCode == 0, r.Err);
        var lines = r.Out.Split('\n');
        Assert.StartsWith("| claim | verdict |", lines[0]);
        foreach (string id in new[] { "(a)", "(b)", "(c)", "(d)", "(d (snowball))", "(e)", "(f)", "(f, norm)" })
            Assert.Contains(lines, l => l.StartsWith($"| {id} "));
        Assert.Contains("(one training seed: no interval)", r.Out);
        // The kettle notes have no capital C, which the warm-up not in the corpus starts its second line with.
        Assert.Contains(lines, l => l.StartsWith("Not measured: Claim (e)'s warm-up not in the corpus"));
        // One run of each of the five kinds, less a clipped run whose clip never fired in the article's run (it is that run).
        int trained = r.Err.Split('\n').Count(l => l.TrimStart().StartsWith("trained ", StringComparison.Ordinal));
        Assert.InRange(trained, 3, 5);
        Assert.Matches($@"from {trained} runs in \d+\.\d s \(1 training seed\(s\)\)", r.Err);
    }
}
