using Microsoft.DotNet.Interactive.Documents;

namespace CharLstmLab.Workbook;

/// <summary>A notebook after a headless run: the document with its outputs filled in, and one result per executed code cell.</summary>
public sealed record NotebookRun(string Path, InteractiveDocument Document, IReadOnlyList<CellResult> Cells, TimeSpan Elapsed)
{
    public CellResult? FirstFailure => Cells.FirstOrDefault(c => c.Failed);
    public bool Succeeded => FirstFailure is null;

    /// <summary>Outputs that hold a Plotly chart (the formatter writes a call to Plotly.newPlot).</summary>
    public int ChartCount => Cells.SelectMany(c => c.Outputs).Count(HtmlPage.IsPlotlyChart);

    /// <summary>The failure told the way a learner needs it: which cell, its code, and the error.</summary>
    public string DescribeFailure() => FirstFailure is { } f
        ? $"{System.IO.Path.GetFileName(Path)}: cell {f.Number} (id '{f.Id}') failed.\n--- code ---\n{f.Code}\n--- error ---\n{f.Error}"
        : $"{System.IO.Path.GetFileName(Path)}: every cell ran.";
}
