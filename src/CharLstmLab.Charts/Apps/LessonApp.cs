using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using CharLstmLab.Pages;
using Microsoft.FSharp.Core;
using Plotly.NET;

namespace CharLstmLab.Charts.Apps;

/// <summary>
/// The host of a notebook's file-based app twin (<c>dotnet run notebooks/NAME.cs</c>): what the
/// notebook kernel does for a notebook, without .NET Interactive. It runs in the notebooks' folder
/// (so relative paths mean what they mean in the notebook), echoes every cell's text to the
/// terminal while recording it, collects displayed values (charts, HTML, plain values), and at
/// <see cref="Finish"/> writes one offline HTML page of the lesson and prints its path last.
/// <para>
/// The twin's source marks its cells with <c>lesson.Prose(...)</c> and <c>lesson.Code("id");</c>
/// lines (the Workbook tool writes them); the page shows the code between the markers as it is in
/// the file, so a learner's edit of the settings block shows on the page too.
/// </para>
/// </summary>
public sealed partial class LessonApp
{
    readonly string name, source, pagePath;
    readonly TextWriter terminal;
    readonly List<PageCell> cells = [];
    readonly List<(string Id, List<PageOutput> Outputs)> code = [];
    readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
    bool chartsDrawn;

    LessonApp(string name, string source, string pagePath)
    {
        this.name = name;
        this.source = source;
        this.pagePath = pagePath;
        terminal = Console.Out;
        Console.SetOut(new Recorder(terminal, text => Add(OutputKind.Stdout, text)));
        Console.SetError(new Recorder(Console.Error, text => Add(OutputKind.Stderr, text)));
    }

    /// <summary>Starts the lesson; <paramref name="source"/> is the twin's own file (filled in by the compiler).</summary>
    public static LessonApp Start(string name, [CallerFilePath] string source = "")
    {
        string folder = Path.GetDirectoryName(source) ?? throw new ArgumentException("The twin's source path is unknown.", nameof(source));
        string root = Directory.GetParent(folder)?.FullName ?? folder;
        Environment.CurrentDirectory = folder;
        return new LessonApp(name, source, Path.Combine(root, "artifacts", "apps", name + ".html"));
    }

    /// <summary>A prose cell (Markdown), shown on the page; not printed.</summary>
    public void Prose(string markdown) => cells.Add(new ProseCell(markdown));

    /// <summary>The code that follows in the source, up to the next marker, is the cell <paramref name="id"/>.</summary>
    public void Code(string id)
    {
        var outputs = new List<PageOutput>();
        code.Add((id, outputs));
        cells.Add(new CodeCell("", id, outputs));
    }

    /// <summary>What a notebook's <c>display(value)</c> and a cell's last expression do.</summary>
    public void Display(object? value)
    {
        switch (value)
        {
            case null: return;
            case GenericChart chart: Add(OutputKind.Html, ChartHtml(chart)); chartsDrawn = true; return;
            case HtmlFragment html: Add(OutputKind.Html, html.Html); return;
            default:
                string text = value.ToString() ?? "";
                terminal.WriteLine(text);
                Add(OutputKind.Plain, text);
                return;
        }
    }

    /// <summary>What <c>new LiveOutput(value)</c> is in a notebook: an output that later values replace.</summary>
    public LiveDisplay Live(object initial)
    {
        Display(initial);
        var outputs = Current ?? throw new InvalidOperationException("Live output outside a code cell.");
        int index = outputs.Count - 1;
        return new LiveDisplay(value =>
        {
            if (value is GenericChart chart) outputs[index] = new PageOutput(OutputKind.Html, ChartHtml(chart));
        });
    }

    /// <summary>Writes the page and prints its path as the last line.</summary>
    public void Finish()
    {
        var texts = CodeTexts(File.ReadAllLines(source));
        var page = cells.Select(c => c is CodeCell cell && texts.TryGetValue(cell.Label, out var text) ? cell with { Code = text } : c).ToList();
        Directory.CreateDirectory(Path.GetDirectoryName(pagePath)!);
        string banner = $"Run as a file-based app (dotnet run {Path.GetFileName(source)}) in {clock.Elapsed.TotalSeconds:F1} s.";
        string html = LessonPage.Render(name, banner, page, chartsDrawn ? PlotlyScript.FromLoadedPlotly() : null);
        string temporary = pagePath + ".tmp";
        File.WriteAllText(temporary, html);
        File.Move(temporary, pagePath, overwrite: true);
        terminal.Flush();
        Console.SetOut(terminal);
        terminal.WriteLine(pagePath);
    }

    List<PageOutput>? Current => code.Count > 0 ? code[^1].Outputs : null;

    void Add(OutputKind kind, string text)
    {
        if (Current is not { } outputs || text.Length == 0) return;
        // Consecutive writes to one stream read as one block, as a notebook shows them.
        if (kind is OutputKind.Stdout or OutputKind.Stderr && outputs.Count > 0 && outputs[^1].Kind == kind)
            outputs[^1] = outputs[^1] with { Content = outputs[^1].Content + text };
        else outputs.Add(new PageOutput(kind, text));
    }

    /// <summary>The chart as the notebook formatter writes it: a div and a script that asks RequireJS for Plotly.</summary>
    static string ChartHtml(GenericChart chart)
    {
        var none = FSharpOption<string>.None;
        var require = Chart.withDisplayOptionsStyle(none, none, none, FSharpOption<Giraffe.ViewEngine.HtmlElements.XmlNode>.None,
            FSharpOption<Microsoft.FSharp.Collections.FSharpList<Giraffe.ViewEngine.HtmlElements.XmlNode>>.None,
            FSharpOption<Microsoft.FSharp.Collections.FSharpList<Giraffe.ViewEngine.HtmlElements.XmlNode>>.None,
            FSharpOption<PlotlyJSReference>.Some(PlotlyJSReference.NewRequire("plotly")));
        return GenericChart.toChartHTML(require.Invoke(chart));
    }

    /// <summary>Each cell's code as the source has it: the lines after its marker, up to the next marker.</summary>
    static Dictionary<string, string> CodeTexts(string[] lines)
    {
        var texts = new Dictionary<string, string>();
        for (int i = 0; i < lines.Length; i++)
        {
            var marker = CodeMarker().Match(lines[i]);
            if (!marker.Success) continue;
            int end = i + 1;
            while (end < lines.Length && !lines[end].StartsWith("lesson.", StringComparison.Ordinal)) end++;
            texts[marker.Groups["id"].Value] = string.Join("\n", lines[(i + 1)..end]).Trim('\n', '\r');
        }
        return texts;
    }

    [GeneratedRegex("""^lesson\.Code\("(?<id>[^"]+)"\);\s*$""")]
    private static partial Regex CodeMarker();

    /// <summary>Writes through to the terminal and hands each piece of text to the page.</summary>
    sealed class Recorder(TextWriter inner, Action<string> record) : TextWriter
    {
        public override Encoding Encoding => inner.Encoding;
        public override void Write(char value) { inner.Write(value); record(value.ToString()); }
        public override void Write(string? value) { inner.Write(value); if (value is not null) record(value); }
        public override void WriteLine(string? value) => Write(value + NewLine);
        public override void Flush() => inner.Flush();
    }
}
