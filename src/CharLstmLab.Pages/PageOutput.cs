namespace CharLstmLab.Pages;

/// <summary>One output of a code cell.</summary>
public sealed record PageOutput(OutputKind Kind, string Content)
{
    /// <summary>A Plotly chart, as both hosts write one (a call to Plotly.newPlot in the fragment).</summary>
    public bool IsPlotlyChart => Kind == OutputKind.Html && Content.Contains("Plotly.newPlot(", StringComparison.Ordinal);
}
