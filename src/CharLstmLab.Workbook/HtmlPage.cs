using CharLstmLab.Pages;
using Microsoft.DotNet.Interactive.Documents;

namespace CharLstmLab.Workbook;

/// <summary>An executed notebook as a lesson page (<see cref="LessonPage"/>): its cells and outputs in the page's terms.</summary>
public static class HtmlPage
{
    public static bool IsPlotlyChart(InteractiveDocumentOutputElement output) => ToPage(output) is { IsPlotlyChart: true };

    public static string Render(NotebookRun run)
    {
        var cells = new List<PageCell>();
        int number = 0;
        foreach (var cell in run.Document.Elements)
        {
            number++;
            if (cell.KernelName == "markdown") { cells.Add(new ProseCell(cell.Contents)); continue; }
            string count = cell.ExecutionOrder > 0 ? cell.ExecutionOrder.ToString() : " ";
            cells.Add(new CodeCell(cell.Contents, $"[{count}] cell {number}", cell.Outputs.Select(ToPage).OfType<PageOutput>().ToList()));
        }
        string banner = $"Executed headless in {run.Elapsed.TotalSeconds:F1} s. " +
            $"{(run.Succeeded ? "Every cell ran." : run.DescribeFailure().Split('\n')[0])}";
        return LessonPage.Render(Path.GetFileNameWithoutExtension(run.Path), banner, cells,
            run.ChartCount > 0 ? PlotlyScript.FromLoadedPlotly() : null);
    }

    static PageOutput? ToPage(InteractiveDocumentOutputElement output) => output switch
    {
        TextElement text => new PageOutput(text.Name == "stderr" ? OutputKind.Stderr : OutputKind.Stdout, text.Text),
        ErrorElement error => new PageOutput(OutputKind.Error, error.ErrorValue + "\n" + string.Join("\n", error.StackTrace)),
        _ when Data(output, "text/html") is { } html => new PageOutput(OutputKind.Html, html),
        _ when Data(output, "text/plain") is { } plain => new PageOutput(OutputKind.Plain, plain),
        _ => null,
    };

    static string? Data(InteractiveDocumentOutputElement output, string mime)
    {
        var data = output switch { DisplayElement d => d.Data, ReturnValueElement r => r.Data, _ => null };
        return data is not null && data.TryGetValue(mime, out var value) ? value?.ToString() : null;
    }
}
