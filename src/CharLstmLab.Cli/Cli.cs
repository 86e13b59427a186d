using System.CommandLine;
using System.CommandLine.Parsing;
using System.Runtime.InteropServices;
using CharLstmLab.Files;
using CharLstmLab.Text;

namespace CharLstmLab.Cli;

static class Cli
{
    /// <summary>Most bytes read from a --prompt-file: a prompt warms the state up, it is not a corpus.</summary>
    public const long MaxPromptBytes = Bytes.MB;

    /// <summary>Signalled by Ctrl+C or SIGTERM; long commands stop at the next window and save what they have.</summary>
    public static CancellationToken Cancellation { get; private set; }

    public static int Run(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // A mistake on the command line: the error, then the command's usage, both on stderr, so stdout stays the command's output only.
            foreach (var error in parsed.Errors) Console.Error.WriteLine($"charlstm: {error.Message}");
            var path = new List<string>();
            for (SymbolResult? c = parsed.CommandResult; c is CommandResult { Command: var command } && command != root; c = c.Parent)
                path.Insert(0, command.Name);
            root.Parse([.. path, "--help"]).Invoke(new InvocationConfiguration { Output = Console.Error });
            return 1;
        }
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
            return Fail(Stopped);
        }
        catch (OutOfMemoryException)
        {
            return Fail(OutOfMemory);
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

    public const string Stopped = "Stopped by Ctrl+C or SIGTERM before finishing; nothing was written.";
    public const string OutOfMemory = "Out of memory: this machine cannot hold what was asked for; try a smaller model, batch or text.";

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

    public static Option<string?> PromptFile() =>
        new("--prompt-file") { Description =
            $"Read the prompt from this UTF-8 file (at most {Bytes.Describe(MaxPromptBytes)}; its text exactly, line endings as \\n)." };

    /// <summary>The prompt the user asked for: typed, or read from a file; not both.</summary>
    public static string? Prompt(ParseResult r, Option<string> prompt, Option<string?> promptFile)
    {
        string? file = r.GetValue(promptFile);
        bool typed = r.GetResult(prompt) is { Implicit: false };
        if (file is null) return typed ? r.GetValue(prompt) : null;
        if (typed) throw new LabException("Give either --prompt or --prompt-file, not both.");
        string text = TextFile.Read(file, "prompt file", MaxPromptBytes).Replace("\r\n", "\n");
        if (text.Length == 0) throw new LabException($"The prompt file '{file}' is empty; a prompt needs at least one character.");
        return text;
    }
}
