using System.Diagnostics;

namespace CharLstmLab.Cli.Tests;

/// <summary>Runs the real charlstm tool as a separate process, the way a user does.</summary>
static class Charlstm
{
    public sealed record Result(int ExitCode, string Out, string Err);

    public static Result Run(params string[] args) => RunIn(Scratch, args);

    public static Result RunIn(string folder, params string[] args)
    {
        using var process = Start(folder, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) { process.Kill(true); throw new TimeoutException($"charlstm {string.Join(' ', args)} did not finish"); }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts charlstm in a folder with its output redirected; the caller reads and waits.</summary>
    public static Process Start(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "charlstm.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }

    public static void Signal(Process process, string signal) => Process.Start("kill", [$"-{signal}", process.Id.ToString()])!.WaitForExit();

    public static readonly string Scratch = Directory.CreateTempSubdirectory("charlstm-cli-").FullName;

    public static string File(string name, string text)
    {
        string path = Path.Combine(Scratch, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public const string Corpus = """
        # Kettle guide

        A kettle boils water. A *good* kettle boils water **quickly**.

        - fill the kettle
        - switch it on
        - wait for the click

        | kettle | minutes |
        |--------|---------|
        | small  | 2       |
        | large  | 4       |

        ```bash
        kettle --boil --cups 2
        ```

        > Tea is patience in a cup.

        """;

    /// <summary>A user mistake ends with exit code 1 and one clear sentence on stderr, no stack trace.</summary>
    public static void AssertCleanFailure(Result r, string expected)
    {
        Assert.True(r.ExitCode == 1, $"exit {r.ExitCode}: {r.Err}");
        Assert.Contains(expected, r.Err);
        Assert.DoesNotContain("   at ", r.Err);
        Assert.DoesNotContain("Exception", r.Err);
    }

    /// <summary>Wrong input: exit 1, exactly one line on stderr starting "charlstm: ", nothing on stdout, no stack trace.</summary>
    public static void AssertOneSentence(Result r)
    {
        Assert.True(r.ExitCode == 1, $"exit {r.ExitCode}: {r.Err}{r.Out}");
        Assert.Equal("", r.Out);
        string[] lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"{lines.Length} lines on stderr:\n{r.Err}");
        Assert.StartsWith("charlstm: ", lines[0]);
        Assert.DoesNotContain("   at ", r.Err);
        Assert.DoesNotContain("Exception", r.Err);
    }
}
