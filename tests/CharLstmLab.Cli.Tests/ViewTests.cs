namespace CharLstmLab.Cli.Tests;

public class ViewTests
{
    static readonly string Data = Charlstm.File("view.md", string.Concat(Enumerable.Repeat(Charlstm.Corpus, 4)));

    static string Model()
    {
        string model = Path.Combine(Charlstm.Scratch, "view.clm");
        if (!File.Exists(model))
            Assert.Equal(0, Charlstm.Run("train", "--data", Data, "--out", model, "--iterations", "2", "--hidden", "12", "--embedding", "4",
                "--seq-length", "8", "--batch-size", "2", "--val-fraction", "0.3", "--sample-every", "0").ExitCode);
        return model;
    }

    [Fact]
    public void Writes_an_offline_page_with_every_character_its_top_five_and_the_departure_of_an_invented_word()
    {
        string folder = Directory.CreateTempSubdirectory("charlstm-view-").FullName;
        string page = Path.Combine(folder, "view.html");
        // "kettel" begins like "kettle" and leaves at its second "e".
        var r = Charlstm.Run("view", "--model", Model(), "--text", "A kettel boils water.", "--prompt", "#", "--data", Data, "--out", page);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal([page], Directory.GetFiles(folder));
        string html = File.ReadAllText(page);
        Assert.DoesNotContain("<script", html);
        Assert.Contains("the probability the model gave the character", html);
        Assert.Equal("A kettel boils water.".Length, html.Split("<span title=").Length - 1);
        Assert.Contains("<td style=\"border-bottom: 1px solid #ddd; padding: 0.2em 0.5em; vertical-align: top; text-align: left\">kettel</td>", html);
        Assert.Contains("kettel           left the corpus's words at offset 4 with 'e'", r.Out);
    }

    [Fact]
    public void Reads_a_sample_coloured_by_surprisal()
    {
        string page = Path.Combine(Directory.CreateTempSubdirectory("charlstm-view-sample-").FullName, "s.html");
        var r = Charlstm.Run("view", "--model", Model(), "--sample", "40", "--colour", "surprisal", "--out", page);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("40 characters scored", r.Out);
        Assert.Contains("the character's surprisal", File.ReadAllText(page));
    }

    [Theory]
    [InlineData("two sources")]
    [InlineData("no source")]
    [InlineData("sample")]
    [InlineData("foreign")]
    [InlineData("out is model")]
    [InlineData("text file")]
    [InlineData("short")]
    public void Bad_input_is_one_sentence_and_writes_nothing(string wrong)
    {
        string folder = Directory.CreateTempSubdirectory("charlstm-view-bad-").FullName;
        string page = Path.Combine(folder, "view.html");
        string[] args = wrong switch
        {
            "two sources" => ["view", "--model", Model(), "--text", "A kettle", "--sample", "5", "--out", page],
            "no source" => ["view", "--model", Model(), "--out", page],
            "sample" => ["view", "--model", Model(), "--sample", "0", "--out", page],
            "foreign" => ["view", "--model", Model(), "--text", "Zebras quietly vex", "--out", page],
            "out is model" => ["view", "--model", Model(), "--text", "A kettle", "--out", Model()],
            "text file" => ["view", "--model", Model(), "--text-file", Path.Combine(folder, "none.txt"), "--out", page],
            _ => ["view", "--model", Model(), "--text", "A", "--out", page],
        };
        string expected = wrong switch
        {
            "two sources" or "no source" => "exactly one of",
            "sample" => "--sample must be 1 or more",
            "foreign" => "not in the model's vocabulary",
            "out is model" => "--out",
            "text file" => "does not exist",
            _ => "at least two characters",
        };
        Charlstm.AssertCleanFailure(Charlstm.Run(args), expected);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }
}
