using System.Globalization;
using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.CSharp;
using Plotly.NET.LayoutObjects;
using Plotly.NET.TraceObjects;
using static Plotly.NET.StyleParam;
using FChart = Plotly.NET.Chart;

namespace CharLstmLab.Charts;

/// <summary>
/// The few Plotly.NET calls the C# bindings do not cover, wrapped once (F# options become C# nulls
/// here), and the house style: log-axis ticks a learner can read, and one colour per series name.
/// </summary>
static class Style
{
    /// <summary>Highlights (rebounds, the chosen character) and references (gradient norm) keep these; named series never get them.</summary>
    public const string Red = "#d62728", Grey = "#7f7f7f";

    // Plotly's default palette without its red and grey, which mean "look here" and "reference" in these charts.
    static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf"];

    /// <summary>
    /// <paramref name="logYValues"/> (the y values drawn) turns the y axis logarithmic, with a
    /// labelled tick at every 1, 2 and 5 (or every power of ten over a wide range) instead of
    /// Plotly's bare minor digits.
    /// </summary>
    public static GenericChart Titled(GenericChart chart, string title, string xTitle, string yTitle,
        IEnumerable<double>? logYValues = null, bool categoryX = false)
    {
        chart = FChart.withTitle(title, FSharpOption<Font>.None).Invoke(chart);
        chart = chart.WithXAxisStyle<double, double, string>(TitleText: xTitle, AxisType: categoryX ? AxisType.Category : AxisType.Linear);
        chart = chart.WithYAxisStyle<double, double, string>(TitleText: yTitle, AxisType: logYValues is null ? AxisType.Linear : AxisType.Log);
        if (logYValues is not null)
        {
            var (values, labels) = LogTicks(logYValues);
            var axis = new LinearAxis();
            axis.SetProperty("tickvals", values);
            axis.SetProperty("ticktext", labels);
            chart = FChart.withYAxis(axis, FSharpOption<SubPlotId>.None).Invoke(chart);
        }
        chart = chart.WithLegendStyle(Orientation: Orientation.Horizontal, Y: -0.25);
        return chart.WithSize(Width: 860, Height: 480);
    }

    /// <summary>
    /// Ticks for a log axis over the positive values given: 1, 2, 5 in every decade when the
    /// values span at most four decades, else powers of ten alone (so labels never crowd), one
    /// decade beyond each end so Plotly's padding still has a labelled tick. Labels are plain
    /// numbers ("0.2", "50", "1,000"), not exponents.
    /// </summary>
    public static (double[] Values, string[] Labels) LogTicks(IEnumerable<double> values)
    {
        var positive = values.Where(v => double.IsFinite(v) && v > 0).ToArray();
        double min = positive.Length > 0 ? positive.Min() : 1, max = positive.Length > 0 ? positive.Max() : 1;
        int low = (int)Math.Floor(Math.Log10(min)) - 1, high = (int)Math.Ceiling(Math.Log10(max)) + 1;
        double[] mantissas = Math.Log10(max / min) <= 4 ? [1, 2, 5] : [1];
        var ticks = new List<double>();
        for (int k = low; k <= high; k++)
            // exact decimal, not m * 10^k in binary
            foreach (double m in mantissas) ticks.Add(double.Parse($"{m}e{k}", CultureInfo.InvariantCulture));
        return (ticks.ToArray(), ticks.Select(TickLabel).ToArray());
    }

    static string TickLabel(double v) =>
        v >= 1000 ? v.ToString("N0", CultureInfo.InvariantCulture) : v.ToString("0.############", CultureInfo.InvariantCulture);

    /// <summary>
    /// The colour of a series, from its name alone, so "seed 2" or "T = 0.8" is the same colour in
    /// every chart of a notebook. The hash is FNV-1a (string.GetHashCode changes per process).
    /// </summary>
    public static string ColorOf(string name)
    {
        uint hash = 2166136261;
        foreach (char ch in name) hash = (hash ^ ch) * 16777619;
        return Palette[hash % Palette.Length];
    }

    /// <summary>
    /// A colour for each name, <see cref="ColorOf"/> where no earlier series of the chart has taken it,
    /// else the next free one in the palette: two series of one chart never share a colour (up to
    /// the palette's size), and a name keeps its own colour in every chart where it does not collide.
    /// </summary>
    public static string[] Colors(IReadOnlyList<string> names)
    {
        var taken = new HashSet<string>();
        var colors = new string[names.Count];
        for (int i = 0; i < names.Count; i++)
        {
            int start = Array.IndexOf(Palette, ColorOf(names[i]));
            string color = Palette[start];
            for (int k = 0; k < Palette.Length && taken.Contains(color); k++) color = Palette[(start + k + 1) % Palette.Length];
            if (taken.Count >= Palette.Length) color = Palette[start];
            taken.Add(color);
            colors[i] = color;
        }
        return colors;
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

    /// <summary>Error bars <paramref name="above"/> and <paramref name="below"/> each bar (asymmetric, so a share's bar can stop at 0).</summary>
    public static GenericChart WithErrorBars(GenericChart chart, IReadOnlyList<double> above, IReadOnlyList<double> below)
    {
        // F# optional parameters are plain parameters to C#: null is None.
        var error = Error.init<double, double>(Visible: true, Type: ErrorType.Data, Symmetric: false,
            Array: FSharpOption<IEnumerable<double>>.Some(above),
            Arrayminus: FSharpOption<IEnumerable<double>>.Some(below), ArrayEncoded: null, ArrayminusEncoded: null, Value: null, Valueminus: null,
            Traceref: null, Tracerefminus: null, Copy_ystyle: null, Color: null, Thickness: null, Width: null);
        return FChart.withYError(error).Invoke(chart);
    }

    /// <summary>Text on the plot at a category of the x axis, just above y = <paramref name="y"/>, with no arrow.</summary>
    public static GenericChart WithNotes(GenericChart chart, IEnumerable<(string Category, double Y, string Text)> notes)
    {
        var annotations = notes.Select(n =>
        {
            var a = new Annotation();
            a.SetProperty("x", n.Category);
            a.SetProperty("y", n.Y);
            a.SetProperty("text", n.Text);
            a.SetProperty("showarrow", false);
            a.SetProperty("yanchor", "bottom");
            a.SetProperty("font", Font.init(Size: 11, Color: Color.fromHex(Grey), Family: null));
            return a;
        }).ToList();
        return annotations.Count == 0 ? chart : FChart.withAnnotations(annotations, FSharpOption<bool>.Some(true)).Invoke(chart);
    }
}
