using System.CommandLine;
using System.Runtime.InteropServices;

namespace CharLstmLab.Cli;

static class Cli
{
    /// <summary>Signalled by Ctrl+C or SIGTERM; long commands stop at the next window and save what they have.</summary>
    public static CancellationToken Cancellation { get; private set; }

    public static int Run(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCtrlC = (_, e) => { e.Cancel = true; stop.Cancel(); };
        Console.CancelKeyPress += onCtrlC;
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        Cancellation = stop.Token;
        try
        {
            // Our own handlers above, not the parser's, so a stopped run can still save its checkpoint.
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        catch (LabException e)
        {
            return Fail(e.Message);
        }
        catch (OperationCanceledException)
        {
            return Fail("Stopped.");
        }
        catch (IOException e)
        {
            return Fail(e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            return Fail(e.Message);
        }
        finally
        {
            Console.CancelKeyPress -= onCtrlC;
        }
    }

    public static int Fail(string message)
    {
        Console.Error.WriteLine($"charlstm: {message}");
        return 1;
    }

    /// <summary>The bundled corpora are copied next to the tool.</summary>
    public static string BundledData(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);

    public static Option<T> Option<T>(string name, string description, T defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue };

    public static Option<T?> Optional<T>(string name, string description) where T : struct =>
        new(name) { Description = description };

    public static Option<string[]> Paths(string name, string description, bool required) =>
        new(name) { Description = description, Required = required, AllowMultipleArgumentsPerToken = true, Arity = ArgumentArity.OneOrMore };

    /// <summary>Conversions write a new file; writing over the one they read would lose it if the conversion were wrong.</summary>
    public static void RefuseToOverwrite(string input, string output, string inputOption)
    {
        if (string.IsNullOrWhiteSpace(input) || string.IsNullOrWhiteSpace(output))
            throw new LabException($"{inputOption} and --out each need a file name.");
        if (string.Equals(Path.GetFullPath(input), Path.GetFullPath(output), StringComparison.Ordinal))
            throw new LabException($"--out names the same file as {inputOption}; write the result to a new file.");
    }

    /// <summary>Writes a text file through a temporary name so a crash never leaves half a file.</summary>
    public static void WriteAtomically(string path, string text)
    {
        string full = Path.GetFullPath(path), temp = full + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, full, overwrite: true);
    }
}
