using System.Diagnostics;
using CharLstmLab.Checkpoints;
using Xunit.Abstractions;

namespace CharLstmLab.Cli.Tests;

/// <summary>Faults injected into real runs: SIGTERM part-way, kill -9 around saves, a log that stops being writable.</summary>
public class FaultTests(ITestOutputHelper output)
{
    static readonly string Data = Charlstm.File("faults.md", string.Concat(Enumerable.Repeat(Charlstm.Corpus, 12)));
    static readonly string[] Shape = ["--hidden", "48", "--embedding", "8", "--seq-length", "10", "--batch-size", "2", "--optimizer", "adam", "--lr", "0.01", "--sample-every", "7"];

    static string Folder() => Directory.CreateTempSubdirectory("charlstm-faults-").FullName;

    /// <summary>Every column of the CSV log except the wall-clock seconds, which no two runs share.</summary>
    static List<string> WithoutSeconds(string log) =>
        File.ReadAllLines(log).Select(l => string.Join(',', l.Split(',').Where((_, i) => i != 8))).ToList();

    static async Task<Charlstm.Result> StopAfterLine(string folder, string prefix, string signal, string[] args)
    {
        using var process = Charlstm.Start(folder, args);
        var err = process.StandardError.ReadToEndAsync();
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync()) is not null && !line.StartsWith(prefix, StringComparison.Ordinal)) { }
        Assert.NotNull(line);
        Charlstm.Signal(process, signal);
        string rest = await process.StandardOutput.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(limit.Token);
        return new Charlstm.Result(process.ExitCode, rest, await err);
    }

    [Fact]
    public async Task A_run_stopped_by_SIGTERM_and_resumed_matches_the_uninterrupted_run_in_every_logged_number_and_sample()
    {
        string folder = Folder();
        var whole = Charlstm.RunIn(folder, ["train", "--data", Data, "--out", "whole.clm", "--log", "whole.csv", "--iterations", "30", .. Shape]);
        Assert.True(whole.ExitCode == 0, whole.Err);

        var stopped = await StopAfterLine(folder, "iteration    2 ", "TERM",
            ["train", "--data", Data, "--out", "part.clm", "--log", "part.csv", "--iterations", "30", .. Shape]);
        Assert.Equal(1, stopped.ExitCode);
        Assert.Contains("Training was cancelled.", stopped.Err);
        int savedAt = Checkpoint.Load(Path.Combine(folder, "part.clm")).Iteration;
        Assert.InRange(savedAt, 2, 29);
        output.WriteLine($"stopped by SIGTERM, saved iteration {savedAt}");

        var resumed = Charlstm.RunIn(folder, ["train", "--data", Data, "--resume", "part.clm", "--out", "part.clm", "--log", "part.csv", "--iterations", "30"]);
        Assert.True(resumed.ExitCode == 0, resumed.Err);
        Assert.Equal(WithoutSeconds(Path.Combine(folder, "whole.csv")), WithoutSeconds(Path.Combine(folder, "part.csv")));

        var a = Checkpoint.Load(Path.Combine(folder, "whole.clm"));
        var b = Checkpoint.Load(Path.Combine(folder, "part.clm"));
        for (int i = 0; i < a.Model.Parameters.Count; i++) Assert.Equal(a.Model.Parameters[i].Value, b.Model.Parameters[i].Value);
        for (int i = 0; i < a.OptimizerState.Length; i++) Assert.Equal(a.OptimizerState[i], b.OptimizerState[i]);
        Assert.Equal(a.OptimizerSteps, b.OptimizerSteps);
        Assert.Equal(a.Log.Select(l => l.Sample), b.Log.Select(l => l.Sample));
    }

    [Fact]
    public async Task Kill_9_at_any_moment_leaves_every_declared_output_whole_and_other_files_alone()
    {
        string folder = Folder();
        string model = Path.Combine(folder, "model.clm"), log = Path.Combine(folder, "log.csv"), mine = model + ".tmp";
        File.WriteAllText(mine, "the user's own file");
        var random = new Random(7);
        int kills = 0, whole = 0;
        for (int round = 0; round < 12; round++)
        {
            string[] args = File.Exists(model)
                ? ["train", "--data", Data, "--resume", "model.clm", "--out", "model.clm", "--log", "log.csv", "--iterations", "100000"]
                : ["train", "--data", Data, "--out", "model.clm", "--log", "log.csv", "--iterations", "3", .. Shape];
            using var process = Charlstm.Start(folder, args);
            var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
            await Task.Delay(random.Next(300, 1500));
            if (!process.HasExited) { process.Kill(); kills++; } // SIGKILL: no handler runs, nothing is flushed
            await process.WaitForExitAsync();
            await drain;

            // What exists must be whole: the checkpoint loads, the log has only complete lines.
            if (File.Exists(model)) Checkpoint.Load(model);
            if (File.Exists(log))
            {
                var lines = File.ReadAllLines(log);
                Assert.StartsWith("iteration,loss", lines[0]);
                Assert.All(lines, l => Assert.Equal(11, l.Split(',').Length));
            }
            Assert.Equal("the user's own file", File.ReadAllText(mine));
            whole++;
        }
        var leftovers = Directory.GetFiles(folder, "*.tmp").Where(f => f != mine).ToList();
        Assert.All(leftovers, f => Assert.Matches(@"\.(clm|csv)\.[0-9a-f]{8}\.tmp$", f)); // only our own temporary names
        output.WriteLine($"{kills} kill -9 injected in 12 rounds; outputs whole after all {whole}; {leftovers.Count} temporary file(s) left by killed writes");
        Assert.True(kills >= 6, $"only {kills} runs were still going when killed");
    }

    [Fact]
    public async Task A_log_that_fails_mid_run_still_saves_the_last_whole_iteration()
    {
        string folder = Folder();
        string logs = Directory.CreateDirectory(Path.Combine(folder, "logs")).FullName;
        using var process = Charlstm.Start(folder, ["train", "--data", Data, "--out", "model.clm", "--log", "logs/log.csv", "--iterations", "100000", .. Shape]);
        var err = process.StandardError.ReadToEndAsync();
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync()) is not null && !line.StartsWith("iteration    2 ", StringComparison.Ordinal)) { }
        // The log's folder disappears, as an unmounted or failing disk would fail it; a rename is atomic even while the tool writes in it.
        Directory.Move(logs, logs + "-gone");
        await process.StandardOutput.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(limit.Token);
        string stderr = await err;

        Assert.Equal(1, process.ExitCode);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("saved iteration", lines[0]);
        Assert.Single(lines, l => l.StartsWith("charlstm: Cannot write the log", StringComparison.Ordinal) || l.Contains("for the log does not exist"));
        Assert.DoesNotContain("   at ", stderr);
        var saved = Checkpoint.Load(Path.Combine(folder, "model.clm"));
        Assert.True(saved.Iteration >= 2);
        Assert.Equal(0, Charlstm.RunIn(folder, "sample", "--model", "model.clm", "--length", "5").ExitCode);
    }
}
