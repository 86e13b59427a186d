using System.Diagnostics;
using System.Text.Json.Nodes;
using CharLstmLab.Workbook;

namespace CharLstmLab.Notebooks.Tests;

/// <summary>
/// Each notebook executed by a Jupyter front end's machinery: Debian's <c>jupyter-nbconvert --execute</c>
/// with the pinned kernel registered from the local tool (<c>dotnet tool run dotnet-interactive --
/// jupyter install</c>), as JupyterLab or VS Code's Jupyter extension would start it. The kernel spec
/// and Jupyter's runtime files live in a temporary folder, so the test leaves nothing in the user's
/// Jupyter folders.
/// </summary>
public class JupyterTests(ITestOutputHelper output)
{
    [JupyterTheory]
    [MemberData(nameof(Notebooks.All), MemberType = typeof(Notebooks))]
    public async Task Every_notebook_executes_with_nbconvert_and_the_pinned_kernel(string notebook)
    {
        Assert.True(File.Exists(Notebooks.ChartsAssembly), $"The notebooks load {Notebooks.ChartsAssembly}: build in Release first (dotnet build -c Release).");
        var jupyter = Directory.CreateTempSubdirectory("charlstm-jupyter-");
        try
        {
            string kernels = Directory.CreateDirectory(Path.Combine(jupyter.FullName, "kernels")).FullName;
            await Run(Repository.Root, new Dictionary<string, string>(), "dotnet", "tool", "run", "dotnet-interactive", "--", "jupyter", "install", "--path", kernels);
            Assert.True(File.Exists(Path.Combine(kernels, ".net-csharp", "kernel.json")), "jupyter install wrote no .net-csharp kernel spec.");

            string executed = Path.Combine(jupyter.FullName, "out");
            var environment = new Dictionary<string, string>
            {
                ["JUPYTER_PATH"] = jupyter.FullName,
                ["JUPYTER_DATA_DIR"] = Path.Combine(jupyter.FullName, "data"),
                ["JUPYTER_RUNTIME_DIR"] = Path.Combine(jupyter.FullName, "runtime"),
                ["JUPYTER_CONFIG_DIR"] = Path.Combine(jupyter.FullName, "config"),
            };
            var clock = Stopwatch.StartNew();
            await Run(Repository.NotebooksFolder, environment, "jupyter-nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.timeout=600", "--output-dir", executed, Notebooks.PathOf(notebook));
            output.WriteLine($"{notebook}: executed by nbconvert in {clock.Elapsed.TotalSeconds:F1} s");

            var cells = JsonNode.Parse(File.ReadAllText(Path.Combine(executed, notebook)))!["cells"]!.AsArray();
            var outputs = cells.Where(c => (string?)c!["cell_type"] == "code").SelectMany(c => c!["outputs"]!.AsArray()).ToList();
            var errors = outputs.Where(o => (string?)o!["output_type"] == "error").Select(o => $"{o!["ename"]}: {o["evalue"]}").ToList();
            Assert.True(errors.Count == 0, $"{notebook} under nbconvert: {string.Join("\n", errors)}");
            Assert.True(cells.Where(c => (string?)c!["cell_type"] == "code").All(c => c!["execution_count"] is not null), $"{notebook}: a code cell did not run.");
            int charts = outputs.Count(o => o!["data"]?["text/html"]?.ToJsonString().Contains("Plotly.newPlot(") == true);
            int expected = NotebookRunTests.ExpectedCharts.GetValueOrDefault(Path.GetFileNameWithoutExtension(notebook), 1);
            Assert.True(charts >= expected, $"{notebook} under nbconvert drew {charts} chart(s); it should draw at least {expected}.");
        }
        finally
        {
            jupyter.Delete(recursive: true);
        }
    }

    static async Task Run(string folder, IReadOnlyDictionary<string, string> environment, string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) start.ArgumentList.Add(a);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(12));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw new TimeoutException($"{program} {string.Join(' ', args)} ran over 12 minutes."); }
        string err = await stderr;
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} exited with {process.ExitCode}:\n{(err.Length > 4000 ? err[^4000..] : err)}\n{await stdout}");
    }
}

/// <summary>
/// A theory that needs Debian's jupyter-nbconvert. CI installs it (.ci/run) and there the test must
/// run; on a developer's machine without it the test is skipped and says how to get it.
/// </summary>
public sealed class JupyterTheoryAttribute : TheoryAttribute
{
    public JupyterTheoryAttribute()
    {
        bool onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, "jupyter-nbconvert")));
        if (!onPath && Environment.GetEnvironmentVariable("CI") is null)
            Skip = "jupyter-nbconvert is not installed (Debian: apt-get install jupyter-nbconvert); CI installs it and runs this test.";
    }
}
