using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace CharLstmLab.Workbook;

/// <summary>
/// Runs a notebook headless, top to bottom, in a fresh in-process kernel, and stops at the first
/// failing cell. The working directory is the notebook's folder while it runs, so relative
/// <c>#r</c> and data paths resolve as they do when VS Code opens the notebook.
/// </summary>
public static class NotebookRunner
{
    /// <summary>The id of the cell a learner edits; <see cref="RunAsync"/> can inject code right after it.</summary>
    public const string SettingsCellId = "settings";

    /// <summary>The id given to injected settings code (see <see cref="RunAsync"/>).</summary>
    public const string InjectedCellId = "settings-injected";

    // The process has one working directory: runs must not overlap.
    static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <param name="afterSettings">
    /// C# run as an extra cell right after the <c>settings</c> cell, the way papermill parameterizes
    /// a notebook: e.g. <c>settings = settings with { Iterations = 5 };</c>. It shows in the run's
    /// document (and so in the HTML page) as a cell of its own.
    /// </param>
    public static async Task<NotebookRun> RunAsync(string path, Action<CellResult>? onCell = null, CancellationToken cancel = default,
        string? afterSettings = null)
    {
        var document = NotebookFormat.Read(path);
        // Results are matched to cells by position; a parser that merged or dropped cells would break that.
        int cellCount = NotebookFormat.CellCount(path);
        if (document.Elements.Count != cellCount)
            throw new FormatException($"{path}: read {document.Elements.Count} cells, the file has {cellCount}.");
        if (afterSettings is not null)
        {
            int settings = document.Elements.ToList().FindIndex(e => e.Id == SettingsCellId);
            if (settings < 0) throw new FormatException($"{path} has no cell with id '{SettingsCellId}' to inject settings after.");
            document.Elements.Insert(settings + 1, new InteractiveDocumentElement(afterSettings, NotebookFormat.Kernel) { Id = InjectedCellId });
        }
        await OneAtATime.WaitAsync(cancel);
        string previous = Environment.CurrentDirectory;
        var clock = Stopwatch.StartNew();
        try
        {
            Environment.CurrentDirectory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            using var host = new KernelHost();
            var results = new List<CellResult>();
            int number = 0, executionCount = 0;
            foreach (var cell in document.Elements)
            {
                number++;
                if (cell.KernelName is "markdown") continue;
                cancel.ThrowIfCancellationRequested();
                var result = await RunCellAsync(host, cell, number, ++executionCount);
                results.Add(result);
                onCell?.Invoke(result);
                if (result.Failed) break;
            }
            return new NotebookRun(path, document, results, clock.Elapsed);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
            OneAtATime.Release();
        }
    }

    static async Task<CellResult> RunCellAsync(KernelHost host, InteractiveDocumentElement cell, int number, int executionCount)
    {
        var clock = Stopwatch.StartNew();
        var outputs = new CellOutputs();
        string? error;
        try
        {
            var result = await host.Kernel.SendAsync(new SubmitCode(cell.Contents, cell.KernelName ?? "csharp"));
            foreach (var e in result.Events) outputs.Add(e, executionCount);
            error = result.Events.OfType<CommandFailed>().Select(Describe).FirstOrDefault();
            if (error is null) await host.LoadPendingExtensionsAsync();
        }
        catch (Exception e)
        {
            error = e.ToString(); // the kernel itself failed, not the cell's code
        }
        if (error is not null) outputs.AddError(error);
        cell.Outputs.Clear();
        cell.Outputs.AddRange(outputs.Elements);
        cell.ExecutionOrder = executionCount;
        return new CellResult(number, cell.Id ?? $"#{number}", cell.Contents, outputs.Elements, error, clock.Elapsed);
    }

    /// <summary>A compile error is its message; a runtime error keeps its stack trace (it points into the library).</summary>
    static string Describe(CommandFailed failed) => failed.Exception switch
    {
        null or CodeSubmissionCompilationErrorException => failed.Message,
        var e => e.ToString(),
    };

    /// <summary>Kernel events turned into notebook outputs; an updated display replaces the output it updates.</summary>
    sealed class CellOutputs
    {
        readonly Dictionary<string, int> byValueId = [];
        public List<InteractiveDocumentOutputElement> Elements { get; } = [];

        public void Add(KernelEvent e, int executionCount)
        {
            switch (e)
            {
                // As in VS Code: an update replaces the output with its value id, or adds one if no output has it yet.
                case DisplayEvent display and (DisplayedValueProduced or DisplayedValueUpdated):
                    if (display.ValueId is { } id && byValueId.TryGetValue(id, out int index)) Elements[index] = Display(display.FormattedValues);
                    else
                    {
                        if (display.ValueId is { } valueId) byValueId[valueId] = Elements.Count;
                        Elements.Add(Display(display.FormattedValues));
                    }
                    break;
                case ReturnValueProduced returned:
                    var value = new ReturnValueElement { ExecutionOrder = executionCount };
                    foreach (var f in Shown(returned.FormattedValues)) value.Data[f.MimeType] = f.Value;
                    if (value.Data.Count > 0) Elements.Add(value);
                    break;
                case StandardOutputValueProduced stdout:
                    AddText(stdout.FormattedValues, "stdout");
                    break;
                case StandardErrorValueProduced stderr:
                    AddText(stderr.FormattedValues, "stderr");
                    break;
            }
        }

        public void AddError(string message)
        {
            string[] lines = message.Split('\n');
            Elements.Add(new ErrorElement("Error", lines[0], lines[1..]));
        }

        void AddText(IEnumerable<FormattedValue> values, string stream)
        {
            string text = string.Concat(values.Where(v => v.MimeType == PlainTextFormatter.MimeType).Select(v => v.Value));
            // Consecutive writes to one stream read as one block, as Jupyter shows them.
            if (Elements.Count > 0 && Elements[^1] is TextElement last && last.Name == stream)
                Elements[^1] = new TextElement(last.Text + text, stream);
            else Elements.Add(new TextElement(text, stream));
        }

        static DisplayElement Display(IEnumerable<FormattedValue> values) =>
            new(Shown(values).ToDictionary(v => v.MimeType, v => (object)v.Value));

        static IEnumerable<FormattedValue> Shown(IEnumerable<FormattedValue> values) => values.Where(v => !v.SuppressDisplay);
    }
}
