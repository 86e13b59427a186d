using System.Diagnostics;

namespace CharLstmLab.Cli.Tests;

public class StopTests
{
    [Fact]
    public async Task Sigterm_stops_training_and_saves_the_last_whole_iteration()
    {
        string data = Charlstm.File("stop.md", string.Concat(Enumerable.Repeat(Charlstm.Corpus, 6)));
        string model = Path.Combine(Charlstm.Scratch, "stopped.clm");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Charlstm.Scratch };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "charlstm.dll"), "train", "--data", data, "--out", model, "--iterations", "100000", "--hidden", "16", "--embedding", "8", "--seq-length", "10", "--batch-size", "2" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var err = process.StandardError.ReadToEndAsync();
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync()) is not null && !line.StartsWith("iteration    2 ", StringComparison.Ordinal)) { }
        Assert.NotNull(line);
        Process.Start("kill", ["-TERM", process.Id.ToString()])!.WaitForExit();
        await process.StandardOutput.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(limit.Token);
        Assert.Equal(1, process.ExitCode);
        string stderr = await err;
        Assert.Contains("Training was cancelled.", stderr);
        Assert.Contains("saved iteration", stderr);

        var sample = Charlstm.Run("sample", "--model", model, "--length", "10");
        Assert.Equal(0, sample.ExitCode);
    }
}
