using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using CharLstmLab.Workbook;

namespace CharLstmLab.Notebooks.Tests;

/// <summary>
/// Each notebook, cell by cell, in the stock kernel a learner's VS Code runs: the pinned
/// <c>dotnet-interactive</c> tool (.config/dotnet-tools.json, installed by <c>dotnet tool restore</c>),
/// driven over its stdio protocol (JSON lines: SubmitCode in, CommandSucceeded/CommandFailed out)
/// from the notebook's folder, so relative #r paths resolve as they do in VS Code.
/// </summary>
public class StockKernelTests(ITestOutputHelper output)
{
    // A guard against a hung kernel, not a speed test: a full-size training cell on a busy machine takes minutes.
    static readonly TimeSpan CellTimeout = TimeSpan.FromMinutes(15);

    [Theory]
    [MemberData(nameof(Notebooks.All), MemberType = typeof(Notebooks))]
    public async Task Every_cell_runs_in_the_stock_kernel(string notebook) => await RunInStockKernel(notebook, afterSettings: null);

    /// <summary>One edit of the Settings cell per notebook, submitted right after it, as a learner would rerun from there.</summary>
    public static TheoryData<string, string> SettingsVariants() => new()
    {
        { "01-training.ipynb", "settings = settings with { HiddenSize = 32, Seed = 2, Iterations = 4, SampleEvery = 2 };" },
        { "02-the-loss-table.ipynb", "settings = ReproductionSettings.Article with { Iterations = 20, HiddenSize = 32 }; claimSeeds = [1, 2]; freshSeeds = [1];" },
        { "03-the-rebound.ipynb", "settings = settings with { HiddenSize = 16, Iterations = 25 }; seeds = [1, 2];" },
        { "04-greedy-vs-temperature.ipynb", "settings = settings with { Iterations = 5 };" },
        { "05-warm-up-and-memorization.ipynb", "settings = settings with { Iterations = 5 };" },
    };

    [Theory]
    [MemberData(nameof(SettingsVariants))]
    public async Task A_settings_variant_runs_in_the_stock_kernel(string notebook, string afterSettings) => await RunInStockKernel(notebook, afterSettings);

    async Task RunInStockKernel(string notebook, string? afterSettings)
    {
        Assert.True(File.Exists(Notebooks.ChartsAssembly), $"The notebooks load {Notebooks.ChartsAssembly}: build in Release first (dotnet build -c Release).");
        var cells = CodeCells(Notebooks.PathOf(notebook));
        if (afterSettings is not null)
        {
            int settings = cells.FindIndex(c => c.Id == NotebookRunner.SettingsCellId);
            Assert.True(settings >= 0, $"{notebook} has no cell with id '{NotebookRunner.SettingsCellId}'.");
            cells.Insert(settings + 1, (NotebookRunner.InjectedCellId, afterSettings));
        }
        await using var kernel = StockKernel.Start(Repository.NotebooksFolder);
        int charts = 0;
        for (int i = 0; i < cells.Count; i++)
        {
            var clock = Stopwatch.StartNew();
            var result = await kernel.SubmitAsync(cells[i].Source, CellTimeout);
            output.WriteLine($"cell {i + 1,3} ({cells[i].Id}) {(result.Error is null ? "ok" : "FAILED")} in {clock.Elapsed.TotalSeconds:F1} s");
            Assert.True(result.Error is null, $"{notebook}, code cell {i + 1} ({cells[i].Id}) failed in the stock kernel:\n{cells[i].Source}\n--- error ---\n{result.Error}");
            charts += result.PlotlyOutputs;
        }
        Assert.True(charts > 0, $"{notebook} displayed no Plotly chart in the stock kernel.");
    }

    static List<(string Id, string Source)> CodeCells(string path)
    {
        var doc = JsonNode.Parse(File.ReadAllText(path))!;
        return doc["cells"]!.AsArray()
            .Where(c => (string?)c!["cell_type"] == "code")
            .Select(c => ((string?)c!["id"] ?? "", c["source"] is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string?)c["source"] ?? ""))
            .ToList();
    }

    sealed record CellResult(string? Error, int PlotlyOutputs);

    sealed class StockKernel : IAsyncDisposable
    {
        readonly Process process;
        int tokens;

        StockKernel(Process process) => this.process = process;

        public static StockKernel Start(string folder)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = folder,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var a in new[] { "dotnet-interactive", "stdio", "--default-kernel", "csharp" }) start.ArgumentList.Add(a);
            var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet-interactive.");
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            return new StockKernel(process);
        }

        public async Task<CellResult> SubmitAsync(string code, TimeSpan timeout)
        {
            string token = $"cell-{++tokens}";
            var envelope = new JsonObject
            {
                ["token"] = token,
                ["commandType"] = "SubmitCode",
                ["command"] = new JsonObject { ["code"] = code, ["targetKernelName"] = "csharp" },
            };
            await process.StandardInput.WriteLineAsync(envelope.ToJsonString());
            await process.StandardInput.FlushAsync();

            using var cancel = new CancellationTokenSource(timeout);
            int plotly = 0;
            while (true)
            {
                string? line;
                try { line = await process.StandardOutput.ReadLineAsync(cancel.Token); }
                catch (OperationCanceledException) { return new CellResult($"no answer within {timeout.TotalSeconds:F0} s", plotly); }
                if (line is null)
                    return new CellResult(process.HasExited
                        ? $"the kernel exited with code {process.ExitCode} (is the tool restored? run 'dotnet tool restore')"
                        : "the kernel closed its output", plotly);
                JsonNode? e;
                try { e = JsonNode.Parse(line); } catch (JsonException) { continue; }
                string? type = (string?)e?["eventType"];
                if (type is "DisplayedValueProduced" or "DisplayedValueUpdated" or "ReturnValueProduced" && line.Contains("plotly", StringComparison.OrdinalIgnoreCase)) plotly++;
                if ((string?)e?["command"]?["token"] != token) continue;
                if (type == "CommandSucceeded") return new CellResult(null, plotly);
                if (type == "CommandFailed") return new CellResult((string?)e?["event"]?["message"] ?? "failed", plotly);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }
}
