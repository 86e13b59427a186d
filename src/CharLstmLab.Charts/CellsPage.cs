using System.Net;
using System.Text;
using CharLstmLab.Inspection;
using Microsoft.FSharp.Core;
using Plotly.NET;

namespace CharLstmLab.Charts;

/// <summary>
/// One self-contained HTML page with a model's cell analysis (what <c>charlstm cells</c> writes):
/// the findings table, the score and saturation charts, and the text coloured by the best cell of
/// every state that occurs. plotly.js is embedded, so it opens without a network.
/// </summary>
public static class CellsPage
{
    public static string Render(CellAnalysis analysis, string title, string description)
    {
        var body = new StringBuilder();
        body.Append("<h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1><p>").Append(WebUtility.HtmlEncode(description)).Append("</p>");
        body.Append(CellViews.Findings(analysis));
        bool any = analysis.States.Any(s => s.Finding is not null) || analysis.LineCounter is not null;
        if (any) body.Append(Chart(CellViews.Scores(analysis)));
        body.Append(Chart(CellViews.Saturation(analysis.Saturation)));
        body.Append("<h2>The text, coloured by each state's best cell</h2><p>Red: the cell's c is high, blue: low ")
            .Append("(relative to the stretch shown; hover for the value); underlined: inside the state.</p>");
        foreach (var report in analysis.States.Where(s => s.Finding is not null))
        {
            var f = report.Finding!;
            var labels = analysis.Labels(report.State);
            int first = Array.IndexOf(labels, true);
            body.Append(CellViews.Activation(analysis.HeldOut, analysis.Recording.CellSeries(f.Best.Layer, f.Best.Unit), labels,
                $"{report.Name}: cell {f.Best}, {f.Measure} {f.Value:F3}{(f.AboveBaseline ? "" : " (does not beat the baselines)")}",
                start: Math.Max(0, first - 200), maxChars: 600));
        }
        string plotly = Pages.PlotlyScript.FromLoadedPlotly() ?? "";
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(title)}</title>
            <script>{plotly.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)}</script>
            <style>body {"{"} font-family: system-ui, sans-serif; max-width: 1100px; margin: 1em auto; padding: 0 1em {"}"}</style>
            </head>
            <body>
            {body}
            </body>
            </html>
            """;
    }

    // The chart's div and a script that calls the embedded Plotly directly, with no CDN reference.
    static string Chart(GenericChart chart)
    {
        var none = FSharpOption<string>.None;
        var noReference = Plotly.NET.Chart.withDisplayOptionsStyle(none, none, none, FSharpOption<Giraffe.ViewEngine.HtmlElements.XmlNode>.None,
            FSharpOption<Microsoft.FSharp.Collections.FSharpList<Giraffe.ViewEngine.HtmlElements.XmlNode>>.None,
            FSharpOption<Microsoft.FSharp.Collections.FSharpList<Giraffe.ViewEngine.HtmlElements.XmlNode>>.None,
            FSharpOption<PlotlyJSReference>.Some(PlotlyJSReference.NoReference));
        return GenericChart.toChartHTML(noReference.Invoke(chart));
    }
}
