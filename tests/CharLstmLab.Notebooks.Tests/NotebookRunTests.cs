using CharLstmLab.Workbook;

namespace CharLstmLab.Notebooks.Tests;

/// <summary>Each notebook runs top to bottom in a fresh kernel, and draws its charts.</summary>
public class NotebookRunTests(ITestOutputHelper output)
{
    /// <summary>Charts each notebook must draw at least; a notebook not listed must draw one.</summary>
    internal static readonly Dictionary<string, int> ExpectedCharts = new()
    {
        ["01-training"] = 3,
        ["02-the-loss-table"] = 4,
        ["03-the-rebound"] = 6,
        ["04-greedy-vs-temperature"] = 7,
        ["05-warm-up-and-memorization"] = 5,
        ["06-what-the-cells-learned"] = 3,
        ["07-the-claims"] = 1,
    };

    [Theory]
    [MemberData(nameof(Notebooks.All), MemberType = typeof(Notebooks))]
    public async Task Every_cell_runs_in_order_and_the_charts_are_drawn(string notebook)
    {
        Assert.True(File.Exists(Notebooks.ChartsAssembly), $"The notebooks load {Notebooks.ChartsAssembly}: build in Release first (dotnet build -c Release).");
        var run = await Notebooks.RunInProcess(notebook,
            cell => output.WriteLine($"cell {cell.Number,3} ({cell.Id}) {(cell.Failed ? "FAILED" : "ok")} in {cell.Elapsed.TotalSeconds:F1} s"));

        Assert.True(run.Succeeded, run.DescribeFailure());
        int codeCells = run.Document.Elements.Count(e => e.KernelName != "markdown");
        Assert.Equal(codeCells, run.Cells.Count);

        int expected = ExpectedCharts.GetValueOrDefault(Path.GetFileNameWithoutExtension(notebook), 1);
        Assert.True(run.ChartCount >= expected, $"{notebook} drew {run.ChartCount} chart(s); it should draw at least {expected}.");

        var compute = run.Cells.Where(c => !c.Code.Contains("#r \"nuget:", StringComparison.Ordinal)).Aggregate(TimeSpan.Zero, (t, c) => t + c.Elapsed);
        // Reported, not asserted: time depends on the machine's load; the README records measured run times.
        output.WriteLine($"{run.ChartCount} chart(s); {run.Elapsed.TotalSeconds:F1} s in all, {compute.TotalSeconds:F1} s without package restore");
    }
}
