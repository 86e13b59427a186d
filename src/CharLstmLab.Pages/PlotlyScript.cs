using System.Reflection;

namespace CharLstmLab.Pages;

/// <summary>plotly.min.js as Plotly.NET ships it (an embedded resource of Plotly.NET.dll).</summary>
public static class PlotlyScript
{
    /// <summary>From the Plotly.NET loaded into this process; null if none was loaded (no charts drawn).</summary>
    public static string? FromLoadedPlotly()
    {
        var plotly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "Plotly.NET");
        return plotly is null ? null : Read(plotly);
    }

    static string Read(Assembly plotly)
    {
        string name = plotly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith(".min.js", StringComparison.Ordinal) && n.Contains("plotly-"))
            ?? throw new InvalidOperationException($"{plotly.GetName()} carries no plotly.min.js resource.");
        using var reader = new StreamReader(plotly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    }
}
