using System.Globalization;
using System.Net;
using System.Text;
using CharLstmLab.Inspection;
using Plotly.NET;

namespace CharLstmLab.Charts;

/// <summary>
/// What one model's cells do, drawn: text coloured by a cell's activation (as in Karpathy, Johnson
/// and Fei-Fei 2015), the table of best cells per state, a bar chart of their scores against the
/// baselines, and the gate-saturation chart. Each text view returns an HTML string; show it with
/// <c>display(HTML(...))</c>.
/// </summary>
public static class CellViews
{
    /// <summary>
    /// The text with each character's background coloured by <paramref name="values"/>: red where the
    /// value is high, blue where it is low, white midway between the lowest and highest value shown
    /// (hover a character for its value).
    /// Characters where <paramref name="state"/> holds are underlined, so a cell can be read against
    /// the parser's answer. Newlines show as "↵" and break the line. At most <paramref name="maxChars"/>
    /// characters from <paramref name="start"/> are drawn.
    /// </summary>
    public static string Activation(string text, IReadOnlyList<float> values, IReadOnlyList<bool>? state = null, string? caption = null,
        int start = 0, int maxChars = 1200)
    {
        if (values.Count != text.Length) throw new LabException($"There are {values.Count} activations for {text.Length} characters.");
        if (state is not null && state.Count != text.Length)
            throw new LabException($"There are {state.Count} state labels for {text.Length} characters.");
        start = Math.Clamp(start, 0, text.Length);
        int end = Math.Min(text.Length, start + Math.Max(0, maxChars));
        // A cell's c often sits away from zero (all positive, say), so colour by where each value lies
        // between the lowest and highest shown: blue at the low end, white midway, red at the high end.
        float low = float.PositiveInfinity, high = float.NegativeInfinity;
        for (int i = start; i < end; i++) { low = Math.Min(low, values[i]); high = Math.Max(high, values[i]); }
        double mid = (low + (double)high) / 2, half = (high - (double)low) / 2;
        if (!(half > 0)) half = 1;
        var html = new StringBuilder();
        if (caption is not null) html.Append("<p style=\"margin: 0.3em 0; font-size: 0.85em\">").Append(Encode(caption)).Append("</p>");
        html.Append("<pre style=\"white-space: pre-wrap; line-height: 1.5; border-left: 3px solid #ccd; padding: 0.4em 0.6em\">");
        for (int i = start; i < end; i++)
        {
            double v = (values[i] - mid) / half;
            html.Append("<span title=\"").Append(values[i].ToString("F3", CultureInfo.InvariantCulture))
                .Append("\" style=\"background: ").Append(Color(v));
            if (state?[i] == true) html.Append("; text-decoration: underline");
            html.Append("\">").Append(text[i] == '\n' ? "↵" : Encode(text[i].ToString())).Append("</span>");
            if (text[i] == '\n') html.Append('\n');
        }
        return html.Append("</pre>").ToString();
    }

    /// <summary>One row per state: where it holds, its best cell and score, both baselines, and the clamp test.</summary>
    public static string Findings(CellAnalysis analysis)
    {
        string F(double x) => double.IsNaN(x) ? "–" : x.ToString("F3", CultureInfo.InvariantCulture);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var report in analysis.States)
        {
            if (report.Finding is not { } f) { rows.Add([report.Name, "0", "not in the text", "–", "–", "–", "–", "–", "–"]); continue; }
            rows.Add([report.Name, f.Inside.ToString(CultureInfo.InvariantCulture), f.Best.ToString(), $"{f.Measure} {F(f.Value)}",
                F(f.ShuffledBaseline), F(f.ShiftedBaseline), f.AboveBaseline ? "yes" : "no",
                report.Clamp is { } c ? $"{Delta(c.DeltaInside)} / {Delta(c.DeltaOutside)}" : "–",
                report.Control is { } k ? $"{Delta(k.DeltaInside)} / {Delta(k.DeltaOutside)}" : "–"]);
        }
        if (analysis.LineCounter is { } line)
            rows.Add([line.State, "counter", line.Best.ToString(), $"r {F(line.Value)}", F(line.ShuffledBaseline), F(line.ShiftedBaseline),
                line.AboveBaseline ? "yes" : "no", "–", "–"]);
        int runs = analysis.States.Select(s => s.Finding?.BaselineRuns).FirstOrDefault(r => r is not null) ?? analysis.LineCounter?.BaselineRuns ?? 0;
        string[] headers = ["state", "characters", "best cell", "its score", "shuffled", "shifted", "beats both",
            "clamp: Δloss in / out", "control cell: Δloss in / out"];
        return Views.Table(headers, rows, caption: $"{analysis.HeldOut.Length:N0} held-out characters; baselines: the best cell's score on " +
            $"meaningless labels, highest of {runs} draws; Δloss in nats per character");
    }

    /// <summary>Each state's best score beside the two baselines (direction-free: max(AUC, 1 - AUC), or |r| for the line counter).</summary>
    public static GenericChart Scores(CellAnalysis analysis, string title = "How well the best cell tracks each state")
    {
        var found = analysis.States.Where(s => s.Finding is not null).Select(s => s.Finding!).ToList();
        if (analysis.LineCounter is { } line) found.Add(line);
        if (found.Count == 0) throw new LabException("No state occurs in the text, so there is nothing to chart.");
        return Plots.GroupedBars(found.Select(f => f.State).ToArray(),
            [new BarSeries("best cell", found.Select(f => f.Score).ToArray()),
             new BarSeries("shuffled labels (best of the draws)", found.Select(f => f.ShuffledBaseline).ToArray()),
             new BarSeries("shifted labels (best of the draws)", found.Select(f => f.ShiftedBaseline).ToArray())],
            title, "state", "max(AUC, 1 - AUC), or |r| for the counter");
    }

    /// <summary>The share of time each gate of each layer is below 0.1 or above 0.9.</summary>
    public static GenericChart Saturation(IReadOnlyList<GateSaturation> gates, string title = "Gate saturation: how often each gate is shut or open")
    {
        if (gates.Count == 0) throw new LabException("There are no gates to chart.");
        var names = gates.Select(g => $"layer {g.Layer} {g.Gate}").ToArray();
        return Plots.GroupedBars(names,
            [new BarSeries("below 0.1 (shut)", gates.Select(g => g.Below).ToArray()),
             new BarSeries("between", gates.Select(g => g.Between).ToArray()),
             new BarSeries("above 0.9 (open)", gates.Select(g => g.Above).ToArray())],
            title, "gate", "share of (character, cell) pairs");
    }

    /// <summary>A change in loss with its sign, to three decimals; a change that rounds to zero is "+0.000", never "-0.000".</summary>
    public static string Delta(double change)
    {
        double rounded = Math.Round(change, 3);
        return (rounded == 0 ? 0 : rounded).ToString("+0.000;-0.000", CultureInfo.InvariantCulture);
    }

    // Diverging white-to-colour scale: red (#d62728) for positive, blue (#1f77b4) for negative.
    static string Color(double v)
    {
        v = Math.Clamp(v, -1, 1);
        var (r, g, b) = v >= 0 ? (214, 39, 40) : (31, 119, 180);
        double a = Math.Abs(v);
        int Mix(int c) => (int)Math.Round(255 + (c - 255) * a);
        return $"rgb({Mix(r)},{Mix(g)},{Mix(b)})";
    }

    static string Encode(string text) => WebUtility.HtmlEncode(text);
}
