using System.Diagnostics;

namespace CharLstmLab.Cli.Tests;

/// <summary>Ctrl+C and SIGTERM stop every long command promptly: exit 1 and one sentence, no trace (decision documented in README).</summary>
public class SignalTests
{
    static readonly string Data = Charlstm.File("signals.md", string.Concat(Enumerable.Repeat(Charlstm.Corpus, 4)));
    static readonly Lazy<string> Model = new(() =>
    {
        string model = Path.Combine(Charlstm.Scratch, "signals.clm");
        Assert.Equal(0, Charlstm.Run("train", "--data", Data, "--out", model, "--iterations", "1", "--hidden", "16", "--embedding", "8", "--seq-length", "10", "--batch-size", "2").ExitCode);
        return model;
    });

    // Scoring is fast (a 16-unit model reads megabytes a second), so score interrupts a wider model's reading.
    static readonly Lazy<string> WideModel = new(() =>
    {
        string model = Path.Combine(Charlstm.Scratch, "signals-wide.clm");
        Assert.Equal(0, Charlstm.Run("train", "--data", Data, "--out", model, "--iterations", "1", "--hidden", "256", "--embedding", "8", "--seq-length", "10", "--batch-size", "2").ExitCode);
        return model;
    });

    static readonly Lazy<string> LongText = new(() => Charlstm.File("long-text.md", string.Concat(Enumerable.Repeat(Charlstm.Corpus, 20000))));

    /// <summary>Starts a command, waits until it is busy, sends SIGTERM and returns how it ended and how long it took to stop.</summary>
    static async Task<(Charlstm.Result Result, TimeSpan Stop, string FirstOut)> Interrupt(int busyMilliseconds, params string[] args)
    {
        using var process = Charlstm.Start(Charlstm.Scratch, args);
        var err = process.StandardError.ReadToEndAsync();
        var buffer = new char[64];
        var firstRead = process.StandardOutput.ReadAsync(buffer, 0, buffer.Length);
        await Task.Delay(busyMilliseconds);
        Assert.False(process.HasExited, "the command finished before it could be interrupted");
        var clock = Stopwatch.StartNew();
        Charlstm.Signal(process, "TERM");
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        bool streamed = firstRead.IsCompleted; // text had arrived while the command was still running
        string first = new(buffer, 0, await firstRead);
        string rest = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync(limit.Token);
        return (new Charlstm.Result(process.ExitCode, first + rest, await err), clock.Elapsed, streamed ? first : "");
    }

    static void AssertStopped((Charlstm.Result Result, TimeSpan Stop, string FirstOut) r)
    {
        Assert.True(r.Result.ExitCode == 1, $"exit {r.Result.ExitCode}: {r.Result.Err}");
        var lines = r.Result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("charlstm: ")).ToList();
        Assert.Single(lines);
        Assert.Contains("Ctrl+C or SIGTERM", lines[0]);
        Assert.DoesNotContain("   at ", r.Result.Err);
        Assert.True(r.Stop < TimeSpan.FromSeconds(10), $"took {r.Stop.TotalSeconds:F1} s to stop"); // generous: the machine may be busy
    }

    [Fact]
    public async Task Sample_streams_its_text_and_stops_on_SIGTERM()
    {
        var r = await Interrupt(2500, "sample", "--model", Model.Value, "--length", "1000000000", "--prompt", "# K");
        AssertStopped(r);
        // Text arrived before the end (streamed, not buffered): 1e9 characters would take far longer than the wait.
        Assert.StartsWith("# K", r.FirstOut);
        Assert.True(r.Result.Out.Length > 1000, $"{r.Result.Out.Length} characters written before the stop");
    }

    [Fact]
    public async Task Score_stops_on_SIGTERM() => AssertStopped(await Interrupt(2500, "score", "--model", WideModel.Value, "--text", LongText.Value));

    [Fact]
    public async Task Diagnose_stops_on_SIGTERM() =>
        AssertStopped(await Interrupt(2500, "diagnose", "--model", Model.Value, "--data", Data, "--samples", "100000", "--length", "400"));

    [Fact]
    public async Task Table_stops_on_SIGTERM() => AssertStopped(await Interrupt(2500, "table"));
}
