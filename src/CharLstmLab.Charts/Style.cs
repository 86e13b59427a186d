using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.CSharp;
using Plotly.NET.TraceObjects;
using static Plotly.NET.StyleParam;
using FChart = Plotly.NET.Chart;

namespace CharLstmLab.Charts;

/// <summary>The few Plotly.NET calls the C# bindings do not cover, wrapped once (F# options become C# nulls here).</summary>
static class Style
{
    public static GenericChart Titled(GenericChart chart, string title, string xTitle, string yTitle, bool logY = false, bool categoryX = false)
    {
        chart = FChart.withTitle(title, FSharpOption<Font>.None).Invoke(chart);
        chart = chart.WithXAxisStyle<double, double, string>(TitleText: xTitle, AxisType: categoryX ? AxisType.Category : AxisType.Linear);
        chart = chart.WithYAxisStyle<double, double, string>(TitleText: yTitle, AxisType: logY ? AxisType.Log : AxisType.Linear);
        chart = chart.WithLegendStyle(Orientation: Orientation.Horizontal, Y: -0.25);
        return chart.WithSize(Width: 860, Height: 480);
    }

    /// <summary>Puts a trace on the second y axis.</summary>
    public static GenericChart OnSecondY(GenericChart trace) =>
        FChart.withAxisAnchor(FSharpOption<int>.None, FSharpOption<int>.Some(2)).Invoke(trace);

    /// <summary>Declares the second y axis: on the right, over the first.</summary>
    public static GenericChart WithSecondY(GenericChart chart, string title) =>
        chart.WithYAxisStyle<double, double, string>(TitleText: title, Side: Side.Right, Overlaying: LinearAxisId.NewY(1),
            ShowGrid: false, Id: SubPlotId.NewYAxis(2));

    /// <summary>A marker of one colour, symbol and size (Marker.init takes every option positionally in C#).</summary>
    public static Marker Marker(string color, MarkerSymbol symbol, int size)
    {
        var marker = new Marker();
        marker.SetProperty("color", color);
        marker.SetProperty("symbol", symbol.Convert());
        marker.SetProperty("size", size);
        return marker;
    }

    public static GenericChart WithErrorBars(GenericChart chart, IReadOnlyList<double> errors)
    {
        // F# optional parameters are plain parameters to C#: null is None.
        var error = Error.init<double, double>(Visible: true, Type: ErrorType.Data, Symmetric: true, Array: FSharpOption<IEnumerable<double>>.Some(errors),
            Arrayminus: null, ArrayEncoded: null, ArrayminusEncoded: null, Value: null, Valueminus: null, Traceref: null,
            Tracerefminus: null, Copy_ystyle: null, Color: null, Thickness: null, Width: null);
        return FChart.withYError(error).Invoke(chart);
    }
}
