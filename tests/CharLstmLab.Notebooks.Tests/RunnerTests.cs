using System.Text.Json.Nodes;
using CharLstmLab.Workbook;

namespace CharLstmLab.Notebooks.Tests;

/// <summary>The runner itself, on small notebooks written for the purpose.</summary>
public class RunnerTests
{
    static string Write(params string[] codeCells)
    {
        var cells = new JsonArray(new JsonObject { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = "# Probe" });
        for (int i = 0; i < codeCells.Length; i++)
            cells.Add(new JsonObject { ["cell_type"] = "code", ["id"] = $"c{i}", ["metadata"] = new JsonObject(), ["source"] = codeCells[i] });
        string path = Path.Combine(Directory.CreateTempSubdirectory("charlstm-nb-").FullName, "probe.ipynb");
        File.WriteAllText(path, NotebookFormat.Clean(new JsonObject { ["cells"] = cells }.ToJsonString()));
        return path;
    }

    [Fact]
    public async Task A_failing_cell_is_reported_with_its_number_code_and_error_and_nothing_after_it_runs()
    {
        string path = Write("var x = 1;", "throw new InvalidOperationException(\"boom\");", "Console.WriteLine(\"never\");");
        var run = await NotebookRunner.RunAsync(path);

        Assert.False(run.Succeeded);
        Assert.Equal(2, run.Cells.Count);
        string report = run.DescribeFailure();
        Assert.Contains("cell 3 (id 'c1')", report);
        Assert.Contains("throw new InvalidOperationException(\"boom\");", report);
        Assert.Contains("boom", report[report.IndexOf("--- error ---", StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task Cells_run_in_the_notebook_folder_and_outputs_land_in_the_executed_copy()
    {
        string path = Write("Console.WriteLine(Environment.CurrentDirectory);", "var shown = display(\"first\");", "6 * 7");
        var run = await NotebookRunner.RunAsync(path);

        Assert.True(run.Succeeded, run.DescribeFailure());
        string executed = NotebookFormat.Executed(run);
        Assert.Contains(System.Text.Json.JsonSerializer.Serialize(Path.GetDirectoryName(path) + "\n"), executed);
        Assert.Contains("\"execution_count\": 3", executed);
        Assert.Contains("42", executed);
        Assert.NotEqual(Path.GetDirectoryName(path), Environment.CurrentDirectory);
    }
}
