using CharLstmLab.Workbook;
using Microsoft.DotNet.Interactive.Documents;

namespace CharLstmLab.Notebooks.Tests;

/// <summary>
/// Notebook 6 runs top to bottom after a learner's edits to its Settings cell: fewer seeds and one
/// size, a very short training run, a focus state that is absent from the held-out text.
/// </summary>
public class CellsNotebookTests(ITestOutputHelper output)
{
    const string Notebook = "06-what-the-cells-learned.ipynb";

    async Task<string> Run(string afterSettings)
    {
        Assert.True(File.Exists(Notebooks.ChartsAssembly), $"The notebooks load {Notebooks.ChartsAssembly}: build in Release first (dotnet build -c Release).");
        var run = await NotebookRunner.RunAsync(Notebooks.PathOf(Notebook),
            cell => output.WriteLine($"cell {cell.Number,3} ({cell.Id}) {(cell.Failed ? "FAILED" : "ok")} in {cell.Elapsed.TotalSeconds:F1} s"),
            afterSettings: afterSettings);
        Assert.True(run.Succeeded, run.DescribeFailure());
        return string.Concat(run.Cells.SelectMany(c => c.Outputs).OfType<TextElement>().Select(t => t.Text));
    }

    [Fact]
    public async Task One_seed_one_size_and_five_iterations_still_run_and_say_they_cannot_judge_reliability()
    {
        string text = await Run("settings = settings with { Iterations = 5, HiddenSize = 16 }; seeds = [2]; hiddenSizes = [16]; baselineRuns = 3;");
        Assert.Contains("5 iterations of a 16-cell model", text);
        Assert.Contains("1 models (1 size(s) x 1 seed(s))", text);
        Assert.Contains("too few to call it reliable", text);
        Assert.Contains("differs from the Stepper's in any bit: 0", text);
    }

    [Fact]
    public async Task A_focus_state_absent_from_the_held_out_text_is_one_sentence_and_the_rest_runs()
    {
        string text = await Run(
            "focus = MarkdownState.Table; settings = settings with { Iterations = 3, HiddenSize = 8 }; seeds = [1]; hiddenSizes = [8]; baselineRuns = 2;");
        Assert.Contains("table: not in the held-out text, so there is nothing to score.", text);
        Assert.Contains("The focus state, table, does not occur in the held-out text", text);
        Assert.Contains("trained and analysed", text);
    }
}
