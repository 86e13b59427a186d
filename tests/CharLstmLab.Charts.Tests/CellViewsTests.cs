using CharLstmLab.Inspection;
using CharLstmLab.Text;
using CharLstmLab.Training;

namespace CharLstmLab.Charts.Tests;

public class CellViewsTests
{
    [Fact]
    public void Activation_colours_each_character_encodes_it_and_underlines_the_state()
    {
        string html = CellViews.Activation("a<b\nc", [-1f, 0f, 1f, 0.5f, 0f], [false, true, true, false, false], caption: "cell 3");
        Assert.Contains("cell 3", html);
        Assert.Contains("&lt;", html);
        Assert.Contains("↵</span>\n", html);                        // a newline shows and breaks the line
        Assert.Equal(2, html.Split("text-decoration: underline").Length - 1);
        Assert.Contains("background: rgb(31,119,180)", html);      // the lowest value: full blue
        Assert.Contains("background: rgb(214,39,40)", html);       // the highest: full red
        Assert.Contains("background: rgb(255,255,255)", html);     // midway: white
        Assert.Throws<LabException>(() => CellViews.Activation("ab", [1f]));
    }

    [Fact]
    public void The_page_has_a_row_per_state_two_charts_and_no_network_reference()
    {
        string text = string.Concat(Enumerable.Repeat("# Notes\n\nRun `wren log` to see [help](https://example.org).\n\n```\nwren stop\n```\n\n- one *item*\n", 12));
        var corpus = Corpus.FromText(text);
        var trainer = new Trainer(corpus, new TrainingSettings
        {
            HiddenSize = 8, EmbeddingSize = 4, SeqLength = 8, BatchSize = 2, Iterations = 1, SampleEvery = 0, ValidationFraction = 0.4,
        });
        trainer.Run();
        var analysis = CellAnalysis.OnValidation(trainer.Model, trainer.Vocabulary, text, 0.4, new CellAnalysisOptions { BaselineRuns = 2 });
        string page = CellsPage.Render(analysis, "cells", "a test");
        foreach (var state in Enum.GetValues<MarkdownState>())
            Assert.Contains($">{System.Net.WebUtility.HtmlEncode(MarkdownStates.Name(state))}</td>", page);
        Assert.Contains("not in the text", page);                 // no table in this text
        int inLibrary = Pages.PlotlyScript.FromLoadedPlotly()!.Split("Plotly.newPlot").Length - 1;
        Assert.Equal(2, page.Split("Plotly.newPlot").Length - 1 - inLibrary); // the scores and the gates
        Assert.DoesNotContain("<script src=", page);              // plotly.js is embedded, not fetched
    }
}
