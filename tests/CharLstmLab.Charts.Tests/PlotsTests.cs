using System.Text.Json.Nodes;
using CharLstmLab.Diagnostics;
using CharLstmLab.Text;
using CharLstmLab.Training;
using Plotly.NET;

namespace CharLstmLab.Charts.Tests;

public class PlotsTests
{
    const int T = 25;

    static IterationLog Entry(int iteration, double meanCe, double? val = null, double gradNorm = 1) =>
        new(iteration, meanCe * T, meanCe, Math.Exp(meanCe), meanCe / Math.Log(2), val, gradNorm, gradNorm, 0.1, iteration, meanCe * T, null);

    static readonly IReadOnlyList<IterationLog> Log = [Entry(1, 4.0, 3.9, 8), Entry(2, 3.0, 3.1, 6), Entry(3, 3.2, 3.3, 7), Entry(4, 2.5, 3.0, 5)];

    static JsonObject Figure(GenericChart chart) => JsonNode.Parse(GenericChart.toFigureJson(chart))!.AsObject();
    static JsonArray Traces(JsonObject figure) => figure["data"]!.AsArray();
    static JsonObject Trace(JsonObject figure, string name) => Traces(figure).Single(t => (string?)t!["name"] == name)!.AsObject();
    static double[] Numbers(JsonNode? array) => array!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
    static string[] Strings(JsonNode? array) => array!.AsArray().Select(v => v!.GetValue<string>()).ToArray();

    [Fact]
    public void A_loss_curve_has_a_title_axis_titles_and_a_legend_entry_per_trace()
    {
        var figure = Figure(Plots.LossCurve(Log));
        Assert.Equal("Training loss", (string?)figure["layout"]!["title"]!["text"]);
        Assert.Equal("iteration", (string?)figure["layout"]!["xaxis"]!["title"]!["text"]);
        Assert.Equal(IterationMetric.WindowLoss.Title, (string?)figure["layout"]!["yaxis"]!["title"]!["text"]);
        Assert.All(Traces(figure), t => Assert.True((bool)t!["showlegend"]!));
        Assert.Equal(Log.Select(l => l.Loss), Numbers(Trace(figure, "training loss")["y"]));
    }

    [Fact]
    public void Validation_loss_is_drawn_in_the_units_of_the_training_loss()
    {
        var window = Figure(Plots.LossCurve(Log));
        Assert.Equal(Log.Select(l => l.ValMeanCe!.Value * T), Numbers(Trace(window, "validation loss")["y"]), new ToleranceComparer(1e-9));
        var perChar = Figure(Plots.LossCurve(Log, new LossCurveOptions { Loss = IterationMetric.MeanCrossEntropy }));
        Assert.Equal(Log.Select(l => l.ValMeanCe!.Value), Numbers(Trace(perChar, "validation loss")["y"]), new ToleranceComparer(1e-9));
    }

    [Fact]
    public void Baselines_are_horizontal_lines_converted_like_validation_never_drawn_per_character_on_a_window_axis()
    {
        CharLstmLab.Baselines.BaselineScore fiveGram = new("KN 5-gram", 1.7);
        string name = "KN 5-gram (baseline, 1.70 nats/char)";
        var window = Figure(Plots.LossCurve(Log, new LossCurveOptions { Baselines = [fiveGram] }));
        Assert.All(Numbers(Trace(window, name)["y"]), y => Assert.Equal(1.7 * T, y, 9));
        var bits = Figure(Plots.LossCurve(Log, new LossCurveOptions { Loss = IterationMetric.BitsPerCharacter, Baselines = [fiveGram] }));
        Assert.All(Numbers(Trace(bits, name)["y"]), y => Assert.Equal(1.7 / Math.Log(2), y, 9));
        Assert.Equal(Log.Select(l => (double)l.Iteration), Numbers(Trace(bits, name)["x"]));
        var lines = XYSeries.Baselines([fiveGram], [1, 5, 3]).Single();
        Assert.Equal([1.0, 5.0], lines.X);
        Assert.Equal([1.7, 1.7], lines.Y);
        Assert.Equal(SeriesStyle.Dotted, lines.Style);
    }

    [Fact]
    public void The_gradient_norm_goes_on_a_second_axis_on_the_right_and_rebounds_are_marked()
    {
        var figure = Figure(Plots.LossCurve(Log, new LossCurveOptions { ShowGradientNorm = true, Rebounds = [3] }));
        var norm = Trace(figure, "gradient norm (right axis)");
        Assert.Equal("y2", (string?)norm["yaxis"]);
        Assert.Equal(Log.Select(l => l.GradNorm), Numbers(norm["y"]));
        var axis = figure["layout"]!["yaxis2"]!;
        Assert.Equal("right", (string?)axis["side"]);
        Assert.Equal("y", (string?)axis["overlaying"]);
        Assert.Equal([3.0], Numbers(Trace(figure, "rebound")["x"]));
    }

    [Fact]
    public void Next_character_bars_are_sorted_by_probability_with_readable_whitespace()
    {
        var vocabulary = Vocabulary.FromText("ab\n <");
        float[] p = [0.3f, 0.25f, 0.05f, 0.15f, 0.25f]; // ids: '\n', ' ', '<', 'a', 'b'
        var figure = Figure(Plots.NextCharacter(vocabulary, p, top: 4, chosen: '\n'));
        var bars = Traces(figure).Single()!;
        Assert.Equal(["\\n", "space", "b", "a"], Strings(bars["x"]));
        Assert.Equal([0.3, 0.25, 0.25, 0.15], Numbers(bars["y"]), new ToleranceComparer(1e-6));
        Assert.Equal("category", (string?)figure["layout"]!["xaxis"]!["type"]);

        var all = Figure(Plots.NextCharacter(vocabulary, p, top: 5));
        Assert.Contains("&lt;", Strings(Traces(all).Single()!["x"]));
    }

    [Fact]
    public void Grouped_bars_carry_error_bars_and_reference_lines_and_reject_ragged_series()
    {
        var figure = Figure(Plots.GroupedBars(["greedy", "T = 1"], [new BarSeries("score", [0.3, 0.8], [0.0, 0.1])],
            "Scores", "strategy", "nats per character", [new ReferenceLine("real text", 0.5)]));
        Assert.Equal([0.0, 0.1], Numbers(Trace(figure, "score")["error_y"]!["array"]));
        Assert.Equal([0.0, 0.1], Numbers(Trace(figure, "score")["error_y"]!["arrayminus"]));
        Assert.Equal([0.5, 0.5], Numbers(Trace(figure, "real text")["y"]));
        Assert.Throws<LabException>(() => Plots.GroupedBars(["a", "b"], [new BarSeries("short", [1.0])], "t", "x", "y"));
    }

    [Fact]
    public void An_overlay_draws_one_line_per_run()
    {
        var figure = Figure(Plots.Overlay([new RunCurve("seed 1", Log), new RunCurve("seed 2", Log.Take(2).ToList())]));
        Assert.Equal(["seed 1", "seed 2"], Traces(figure).Select(t => (string)t!["name"]!));
        Assert.Throws<LabException>(() => Plots.Overlay([]));
    }

    [Fact]
    public void Lines_draw_series_on_their_own_grids_with_a_log_axis_and_highlighted_rebounds()
    {
        var curve = LossCurve.Analyze([(1, 60.49), (11, 23.5), (21, 24.0)]);
        var figure = Figure(Plots.Lines(
            [new XYSeries("article", [1, 11, 21], [60.49, 23.5, 24.0], SeriesStyle.Dashed),
             XYSeries.Numbered("measured", [50.0, 40.0, 35.0, 36.0], SeriesStyle.Line),
             XYSeries.Rebounds(curve.Rebounds)],
            "Loss", "iteration", "window loss", logY: true));
        Assert.Equal("log", (string?)figure["layout"]!["yaxis"]!["type"]);
        Assert.Equal([1.0, 2.0, 3.0, 4.0], Numbers(Trace(figure, "measured")["x"]));
        Assert.Equal("dash", (string?)Trace(figure, "article")["line"]!["dash"]);
        var rebound = Trace(figure, "rebound");
        Assert.Equal([21.0], Numbers(rebound["x"]));
        Assert.Equal([24.0], Numbers(rebound["y"]));
        Assert.Equal("markers", (string?)rebound["mode"]);
        Assert.Throws<LabException>(() => Plots.Lines([new XYSeries("ragged", [1.0, 2.0], [1.0])], "t", "x", "y"));
        Assert.Throws<LabException>(() => Plots.Lines([], "t", "x", "y"));
    }

    [Fact]
    public void Bars_from_samples_are_means_with_one_sample_standard_deviation()
    {
        var bars = BarSeries.FromSamples("rate", [[1.0, 3.0], [2.0], [0.2, 0.2, 0.2]]);
        Assert.Equal([2.0, 2.0, 0.2], bars.Values, new ToleranceComparer(1e-12));
        Assert.Equal([Math.Sqrt(2), 0.0, 0.0], bars.Errors!, new ToleranceComparer(1e-12));
        Assert.Throws<LabException>(() => BarSeries.FromSamples("empty", [[1.0], []]));
    }

    static JsonObject YAxis(JsonObject figure) => figure["layout"]!["yaxis"]!.AsObject();

    [Fact]
    public void A_log_axis_labels_every_1_2_5_tick_in_full_and_only_powers_of_ten_over_a_wide_range()
    {
        var figure = Figure(Plots.Lines([XYSeries.Numbered("loss", [60.49, 23.5, 1.1, 0.23])], "t", "iteration", "window loss", logY: true));
        var axis = YAxis(figure);
        Assert.Equal("log", (string?)axis["type"]);
        var labels = Strings(axis["ticktext"]);
        foreach (string label in new[] { "0.2", "0.5", "1", "2", "5", "10", "20", "50", "100" }) Assert.Contains(label, labels);
        Assert.Equal(Numbers(axis["tickvals"]).Length, labels.Length);
        Assert.Equal(0.2, Numbers(axis["tickvals"])[Array.IndexOf(labels, "0.2")], 12);

        var wide = Figure(Plots.Lines([XYSeries.Numbered("p", [0.9, 1e-6])], "t", "x", "p", logY: true));
        var wideLabels = Strings(YAxis(wide)["ticktext"]);
        Assert.Contains("0.000001", wideLabels);
        Assert.Contains("0.1", wideLabels);
        Assert.DoesNotContain("0.2", wideLabels);
        Assert.Null(YAxis(Figure(Plots.Lines([XYSeries.Numbered("loss", [1.0, 2.0])], "t", "x", "y")))["tickvals"]);
    }

    [Fact]
    public void A_series_name_keeps_its_colour_across_charts_and_two_series_of_one_chart_never_share_one()
    {
        string Color(JsonObject trace) => (string)trace["line"]!["color"]!;
        var one = Figure(Plots.Lines([XYSeries.Numbered("seed 1", [1.0, 2.0]), XYSeries.Numbered("seed 2", [2.0, 1.0])], "t", "x", "y"));
        var other = Figure(Plots.Overlay([new RunCurve("seed 2", Log), new RunCurve("seed 3", Log)]));
        Assert.Equal(Color(Trace(one, "seed 2")), Color(Trace(other, "seed 2")));
        var names = Enumerable.Range(1, 8).Select(i => $"run {i}").ToList();
        var many = Figure(Plots.Lines(names.Select(n => XYSeries.Numbered(n, [1.0, 2.0])), "t", "x", "y"));
        Assert.Equal(8, names.Select(n => Color(Trace(many, n))).Distinct().Count());
        var bars = Figure(Plots.GroupedBars(["a"], [new BarSeries("seed 2", [1.0])], "t", "x", "y"));
        Assert.Equal(Color(Trace(one, "seed 2")), (string)Trace(bars, "seed 2")["marker"]!["color"]!);
    }

    [Fact]
    public void Error_bars_of_shares_stop_at_0_and_1()
    {
        var shares = BarSeries.Shares("loop", [[0.0, 0.0, 0.3], [1.0, 1.0, 0.7], [0.5, 0.5, 0.5]]);
        var figure = Figure(Plots.GroupedBars(["greedy", "T = 0.5", "T = 1"], [shares], "t", "x", "share"));
        var error = Trace(figure, "loop")["error_y"]!;
        Assert.False((bool)error["symmetric"]!);
        var below = Numbers(error["arrayminus"]);
        var above = Numbers(error["array"]);
        double sd = BarSeries.StandardDeviation([0.0, 0.0, 0.3]);
        Assert.Equal([0.1, sd, 0.0], below, new ToleranceComparer(1e-12));
        Assert.Equal([sd, 0.1, 0.0], above, new ToleranceComparer(1e-12));
        Assert.All(shares.Values.Zip(below), p => Assert.True(p.First - p.Second >= -1e-15));
        Assert.Throws<LabException>(() => shares.ClippedTo(1, 0));
    }

    [Fact]
    public void A_group_of_bars_that_is_all_zero_gets_a_note_and_an_all_zero_series_says_so()
    {
        var figure = Figure(Plots.GroupedBars(["greedy", "T = 0.8"],
            [new BarSeries("nonsense", [0.0, 0.2]), new BarSeries("loop", [0.0, 0.0])], "t", "x", "share"));
        var notes = figure["layout"]!["annotations"]!.AsArray();
        var note = Assert.Single(notes)!;
        Assert.Equal("greedy", (string?)note["x"]);
        Assert.Equal("all 0", (string?)note["text"]);
        Assert.Contains(Traces(figure), t => (string?)t!["name"] == "loop (0 in every group)");
        Assert.Null(Figure(Plots.GroupedBars(["a"], [new BarSeries("s", [1.0])], "t", "x", "y"))["layout"]!["annotations"]);
    }

    [Fact]
    public void Next_character_charts_can_put_probability_on_a_log_axis_for_the_tail()
    {
        var vocabulary = Vocabulary.FromText("abcd");
        float[] p = [0.9f, 0.09f, 0.009f, 0.001f];
        var figure = Figure(Plots.NextCharacter(vocabulary, p, top: 4, logProbability: true));
        Assert.Equal("log", (string?)YAxis(figure)["type"]);
        Assert.Equal("probability (log scale)", (string?)YAxis(figure)["title"]!["text"]);
        Assert.Contains("0.001", Strings(YAxis(figure)["ticktext"]));
        var compared = Figure(Plots.NextCharacterComparison(vocabulary, [new DistributionSeries("T = 1", p)], logProbability: true));
        Assert.Equal("log", (string?)YAxis(compared)["type"]);
        Assert.Equal("linear", (string?)YAxis(Figure(Plots.NextCharacter(vocabulary, p)))["type"]);
    }

    [Fact]
    public void A_loss_chart_with_validation_names_the_quantity_and_unit_not_training_alone()
    {
        var figure = Figure(Plots.LossCurve(Log, new LossCurveOptions { Loss = IterationMetric.MeanCrossEntropy }));
        string title = (string)YAxis(figure)["title"]!["text"]!;
        Assert.DoesNotContain("training", title);
        Assert.Contains("nats", title);
        Assert.Contains("nats", IterationMetric.WindowLoss.Title);
    }

    sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}
