namespace CharLstmLab.Cli.Tests;

public class BeatNgramTests
{
    [Theory]
    [InlineData("seeds")]
    [InlineData("threads")]
    [InlineData("small")]
    [InlineData("large")]
    public void Bad_input_is_one_sentence_before_any_training(string wrong)
    {
        string missing = Path.Combine(Charlstm.Scratch, "no-such-corpus");
        string[] args = wrong switch
        {
            "seeds" => ["beat-ngram", "--seeds", "0"],
            "threads" => ["beat-ngram", "--threads", "-1"],
            "small" => ["beat-ngram", "--small", missing],
            _ => ["beat-ngram", "--large", missing],
        };
        string expected = wrong switch { "seeds" => "training seeds", "threads" => "thread count", _ => "does not exist" };
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Charlstm.AssertCleanFailure(Charlstm.Run(args), expected);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "a wrong input must fail before the minutes of training");
    }
}
