namespace CharLstmLab.Charts;

/// <summary>How <see cref="Plots.Lines"/> draws a series.</summary>
public enum SeriesStyle
{
    /// <summary>A solid line with a marker on every point.</summary>
    LinesAndMarkers,
    /// <summary>A solid line alone: for long series such as one point per iteration.</summary>
    Line,
    /// <summary>A dashed line alone: for references and second opinions (validation, the article's figures).</summary>
    Dashed,
    /// <summary>A dotted line alone: for baselines, horizontal references from another model.</summary>
    Dotted,
    /// <summary>Markers alone.</summary>
    Markers,
    /// <summary>Large red crosses: points to look at, such as rebounds.</summary>
    Highlight,
}
