namespace CharLstmLab.Cli.Tests;

public class CellsTests
{
    static readonly string Data = Charlstm.File("cells.md", string.Concat(Enumerable.Repeat(Charlstm.Corpus, 4)));

    static string Model()
    {
        string model = Path.Combine(Charlstm.Scratch, "cells.clm");
        if (!File.Exists(model))
            Assert.Equal(0, Charlstm.Run("train", "--data", Data, "--out", model, "--iterations", "2", "--hidden", "12", "--embedding", "4",
                "--seq-length", "8", "--batch-size", "2", "--val-fraction", "0.3", "--sample-every", "0").ExitCode);
        return model;
    }

    [Fact]
    public void Writes_a_page_with_every_state_and_only_the_out_file()
    {
        string folder = Directory.CreateTempSubdirectory("charlstm-cells-").FullName;
        string page = Path.Combine(folder, "cells.html");
        var r = Charlstm.Run("cells", "--model", Model(), "--data", Data, "--out", page, "--baseline-runs", "3");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal([page], Directory.GetFiles(folder));
        string html = File.ReadAllText(page);
        Assert.Contains("What the cells learned", html);
        Assert.Contains(">code fence</td>", html);
        Assert.Contains("wrote", r.Out);
    }

    [Theory]
    [InlineData("model")]
    [InlineData("data")]
    [InlineData("out")]
    [InlineData("runs")]
    public void Bad_input_is_one_sentence_and_writes_nothing(string wrong)
    {
        string folder = Directory.CreateTempSubdirectory("charlstm-cells-bad-").FullName;
        string page = Path.Combine(folder, "cells.html");
        string[] args = wrong switch
        {
            "model" => ["cells", "--model", Path.Combine(folder, "none.clm"), "--data", Data, "--out", page],
            "data" => ["cells", "--model", Model(), "--data", Charlstm.File("foreign.md", "Zebras quietly vex\n"), "--out", page],
            "out" => ["cells", "--model", Model(), "--data", Data, "--out", Path.Combine(folder, "no", "such", "cells.html")],
            _ => ["cells", "--model", Model(), "--data", Data, "--out", page, "--baseline-runs", "0"],
        };
        string expected = wrong switch { "model" or "out" => "does not exist", "data" => "not in the model's vocabulary", _ => "baseline-runs" };
        Charlstm.AssertCleanFailure(Charlstm.Run(args), expected);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }
}
