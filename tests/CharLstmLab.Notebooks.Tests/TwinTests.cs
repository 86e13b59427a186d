using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CharLstmLab.Workbook;
using Microsoft.DotNet.Interactive.Documents;

namespace CharLstmLab.Notebooks.Tests;

/// <summary>
/// Every notebook's file-based app twin (notebooks/NAME.cs): generated from the notebook, free of
/// .NET Interactive, and printing what the notebook prints when run as its own process.
/// </summary>
public partial class TwinTests(ITestOutputHelper output)
{
    static readonly TimeSpan TwinTimeout = TimeSpan.FromMinutes(10);

    [Theory]
    [MemberData(nameof(Notebooks.All), MemberType = typeof(Notebooks))]
    public void The_committed_twin_is_what_the_notebook_generates(string notebook)
    {
        string path = Notebooks.PathOf(notebook);
        Assert.True(!TwinGenerator.IsStale(path),
            $"{Path.GetFileName(TwinGenerator.TwinPath(path))} is missing or stale: run dotnet run -c Release --project src/CharLstmLab.Workbook -- --twins");
    }

    [Theory]
    [MemberData(nameof(Notebooks.All), MemberType = typeof(Notebooks))]
    public async Task The_twin_prints_what_the_notebook_prints_and_writes_its_page(string notebook)
    {
        string twin = Path.GetFileName(TwinGenerator.TwinPath(Notebooks.PathOf(notebook)));
        var notebookRun = await Notebooks.RunInProcess(notebook);
        Assert.True(notebookRun.Succeeded, notebookRun.DescribeFailure());

        // From the repository root, as the README shows; the twin moves to notebooks/ itself.
        var (exit, stdout, stderr, elapsed) = await Run(Repository.Root, "run", Path.Combine("notebooks", twin));
        output.WriteLine($"dotnet run notebooks/{twin}: exit {exit} in {elapsed.TotalSeconds:F1} s (build included)");
        Assert.True(exit == 0, $"dotnet run notebooks/{twin} exited with {exit}:\n{stderr}\n{Tail(stdout)}");

        var lines = stdout.TrimEnd('\n').Split('\n');
        string page = lines[^1].Trim();
        Assert.True(File.Exists(page), $"The twin's last line should be the path of its page; it was '{page}'.");
        int charts = Regex.Count(File.ReadAllText(page), @"Plotly\.newPlot\(");
        int expected = NotebookRunTests.ExpectedCharts.GetValueOrDefault(Path.GetFileNameWithoutExtension(notebook), 1);
        Assert.True(charts >= expected, $"{page} draws {charts} chart(s); the notebook draws at least {expected}.");

        string fromTwin = Normalize(string.Join("\n", lines[..^1]));
        string fromNotebook = Normalize(TextOutputs(notebookRun));
        Assert.True(fromNotebook.Length > 0, $"{notebook} printed nothing to compare.");
        Assert.Equal(fromNotebook, fromTwin);
    }

    [Theory]
    [MemberData(nameof(Notebooks.All), MemberType = typeof(Notebooks))]
    public async Task The_twin_depends_on_no_notebook_host(string notebook)
    {
        string twin = Path.GetFileName(TwinGenerator.TwinPath(Notebooks.PathOf(notebook)));
        var (exit, stdout, stderr, _) = await Run(Repository.NotebooksFolder, "build", twin);
        Assert.True(exit == 0, $"dotnet build {twin} exited with {exit}:\n{stderr}\n{Tail(stdout)}");
        (exit, stdout, stderr, _) = await Run(Repository.NotebooksFolder, "build", twin, "-getProperty:ProjectDepsFilePath");
        Assert.True(exit == 0, $"dotnet build {twin} -getProperty:ProjectDepsFilePath exited with {exit}:\n{stderr}");
        string depsFile = stdout.Trim().Split('\n')[^1].Trim();
        var libraries = JsonNode.Parse(File.ReadAllText(depsFile))!["libraries"]!.AsObject().Select(l => l.Key.Split('/')[0]).ToList();
        Assert.Contains("Plotly.NET", libraries);
        var host = libraries.Where(l => l.StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal) || l == "Plotly.NET.Interactive").ToList();
        Assert.True(host.Count == 0, $"{twin} depends on a notebook host: {string.Join(", ", host)}");
    }

    /// <summary>What a notebook printed: its stdout and its values shown as plain text, in order.</summary>
    static string TextOutputs(NotebookRun run) => string.Concat(run.Cells.SelectMany(c => c.Outputs).Select(o => o switch
    {
        TextElement { Name: "stdout" } text => text.Text,
        DisplayElement d when !d.Data.ContainsKey("text/html") && d.Data.TryGetValue("text/plain", out var plain) => plain + "\n",
        ReturnValueElement r when !r.Data.ContainsKey("text/html") && r.Data.TryGetValue("text/plain", out var plain) => plain + "\n",
        _ => "",
    }));

    /// <summary>Timings aside ("in 3.6 s"), and line endings.</summary>
    static string Normalize(string text) => Seconds().Replace(text.Replace("\r\n", "\n"), "# s").TrimEnd('\n');

    [GeneratedRegex(@"\d+(\.\d+)? s\b")]
    private static partial Regex Seconds();

    static string Tail(string text) => text.Length > 3000 ? "..." + text[^3000..] : text;

    static async Task<(int Exit, string Stdout, string Stderr, TimeSpan Elapsed)> Run(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) start.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TwinTimeout);
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw new TimeoutException($"dotnet {string.Join(' ', args)} ran over {TwinTimeout}."); }
        return (process.ExitCode, await stdout, await stderr, clock.Elapsed);
    }
}
