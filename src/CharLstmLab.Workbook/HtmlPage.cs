using System.Net;
using System.Text;
using Markdig;
using Microsoft.DotNet.Interactive.Documents;

namespace CharLstmLab.Workbook;

/// <summary>
/// One self-contained HTML page per executed notebook: prose, code and outputs, with plotly.js
/// embedded so the charts draw without a network. The chart outputs ask RequireJS for Plotly
/// (that is how the notebook formatter writes them); a three-line shim hands them the embedded copy.
/// </summary>
public static class HtmlPage
{
    static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public static bool IsPlotlyChart(InteractiveDocumentOutputElement output) =>
        Html(output) is { } html && html.Contains("Plotly.newPlot(", StringComparison.Ordinal);

    /// <param name="plotlyJs">plotly.min.js; null when the notebook drew no chart.</param>
    public static string Render(NotebookRun run, string? plotlyJs)
    {
        var page = new StringBuilder();
        string title = Path.GetFileNameWithoutExtension(run.Path);
        page.Append($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{Encode(title)}</title>
            <style>{Css}</style>

            """);
        if (plotlyJs is not null)
        {
            page.Append("<script>").Append(plotlyJs.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)).Append("</script>\n");
            page.Append("""
                <script>
                window.requirejs = function (deps, ready) { ready(window.Plotly); };
                window.requirejs.config = function () { return window.requirejs; };
                </script>

                """);
        }
        page.Append("</head>\n<body>\n<main>\n");
        page.Append($"<p class=\"banner\">Executed headless in {run.Elapsed.TotalSeconds:F1} s. {(run.Succeeded ? "Every cell ran." : Encode(run.DescribeFailure().Split('\n')[0]))}</p>\n");
        int number = 0;
        foreach (var cell in run.Document.Elements)
        {
            number++;
            if (cell.KernelName == "markdown") page.Append("<section class=\"markdown\">").Append(Markdig.Markdown.ToHtml(cell.Contents, Markdown)).Append("</section>\n");
            else AppendCode(page, cell, number);
        }
        page.Append("</main>\n</body>\n</html>\n");
        return page.ToString();
    }

    static void AppendCode(StringBuilder page, InteractiveDocumentElement cell, int number)
    {
        string count = cell.ExecutionOrder > 0 ? cell.ExecutionOrder.ToString() : " ";
        page.Append($"<section class=\"code\"><div class=\"prompt\">[{count}] cell {number}</div><pre><code>{Encode(cell.Contents)}</code></pre>\n");
        foreach (var output in cell.Outputs) page.Append("<div class=\"output\">").Append(RenderOutput(output)).Append("</div>\n");
        page.Append("</section>\n");
    }

    static string RenderOutput(InteractiveDocumentOutputElement output) => output switch
    {
        TextElement text => $"<pre class=\"{text.Name}\">{Encode(text.Text)}</pre>",
        ErrorElement error => $"<pre class=\"error\">{Encode(error.ErrorValue + "\n" + string.Join("\n", error.StackTrace))}</pre>",
        _ when Html(output) is { } html => html,
        _ when Plain(output) is { } plain => $"<pre>{Encode(plain)}</pre>",
        _ => "",
    };

    static string? Html(InteractiveDocumentOutputElement output) => Data(output, "text/html");
    static string? Plain(InteractiveDocumentOutputElement output) => Data(output, "text/plain");

    static string? Data(InteractiveDocumentOutputElement output, string mime)
    {
        var data = output switch { DisplayElement d => d.Data, ReturnValueElement r => r.Data, _ => null };
        return data is not null && data.TryGetValue(mime, out var value) ? value?.ToString() : null;
    }

    static string Encode(string text) => WebUtility.HtmlEncode(text);

    const string Css = """
        body { font-family: system-ui, sans-serif; margin: 0; background: #fafafa; color: #222; }
        main { max-width: 1000px; margin: 0 auto; padding: 1rem 2rem 4rem; background: #fff; }
        .banner { color: #555; font-size: 0.9rem; border-bottom: 1px solid #ddd; padding-bottom: 0.5rem; }
        section.code { margin: 1rem 0; }
        .prompt { color: #888; font: 0.8rem monospace; }
        pre { background: #f4f4f4; padding: 0.6rem; overflow-x: auto; font-size: 0.85rem; }
        .output pre { background: #fff; border-left: 3px solid #ccd; white-space: pre-wrap; }
        pre.error { color: #a00; border-left-color: #a00; }
        table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 0.2rem 0.5rem; }
        """;
}
