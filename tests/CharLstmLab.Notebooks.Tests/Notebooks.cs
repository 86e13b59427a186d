using System.Collections.Concurrent;
using CharLstmLab.Workbook;

// The notebook runs share one process-wide working directory; the runner serializes them anyway.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace CharLstmLab.Notebooks.Tests;

/// <summary>The notebooks in notebooks/, one test case each.</summary>
static class Notebooks
{
    static readonly ConcurrentDictionary<string, Lazy<Task<NotebookRun>>> InProcessRuns = new();

    public static TheoryData<string> All() => new(Repository.Notebooks().Select(p => Path.GetFileName(p)));

    public static string PathOf(string name) => Path.Combine(Repository.NotebooksFolder, name);

    /// <summary>Where the notebooks #r the lab from; a Release build puts it there.</summary>
    public static string ChartsAssembly => Path.Combine(Repository.Root, "src", "CharLstmLab.Charts", "bin", "Release", "net10.0", "CharLstmLab.Charts.dll");

    /// <summary>
    /// The notebook run in-process at its defaults, once per test run: the notebook test checks it,
    /// and the twin test compares the twin's output with it (a notebook run costs seconds).
    /// </summary>
    public static Task<NotebookRun> RunInProcess(string name, Action<CellResult>? onCell = null) =>
        InProcessRuns.GetOrAdd(name, n => new Lazy<Task<NotebookRun>>(() => NotebookRunner.RunAsync(PathOf(n), onCell))).Value;

    /// <summary>
    /// Runs a notebook with <paramref name="code"/> injected after its settings cell (as a learner's edit
    /// would be) and asserts that every cell ran, the edit included. The settings-variant tests share it.
    /// </summary>
    public static async Task<NotebookRun> RunEdited(string notebook, string variant, string code, ITestOutputHelper output)
    {
        Assert.True(File.Exists(ChartsAssembly), $"The notebooks load {ChartsAssembly}: build in Release first (dotnet build -c Release).");
        output.WriteLine($"{notebook}, {variant}: {code}");
        var run = await NotebookRunner.RunAsync(PathOf(notebook),
            cell => output.WriteLine($"cell {cell.Number,3} ({cell.Id}) {(cell.Failed ? "FAILED" : "ok")} in {cell.Elapsed.TotalSeconds:F1} s"),
            afterSettings: code);

        Assert.True(run.Succeeded, $"{notebook}, variant '{variant}':\n{run.DescribeFailure()}");
        Assert.Equal(run.Document.Elements.Count(e => e.KernelName != "markdown"), run.Cells.Count);
        Assert.Contains(run.Cells, c => c.Id == NotebookRunner.InjectedCellId && c.Code == code);   // the edit did run
        output.WriteLine($"{variant}: {run.Elapsed.TotalSeconds:F1} s");
        return run;
    }
}
