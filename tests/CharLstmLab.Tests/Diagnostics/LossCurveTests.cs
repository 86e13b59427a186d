using CharLstmLab.Diagnostics;

namespace CharLstmLab.Tests.Diagnostics;

public class LossCurveTests
{
    /// <summary>The article's "Training Snapshot" table.</summary>
    static readonly (int, double)[] Article =
        [(1, 60.49), (11, 23.50), (21, 5.76), (31, 1.40), (41, 0.95), (51, 1.10), (61, 0.44), (71, 0.27), (81, 0.25), (91, 0.23)];

    [Fact]
    public void The_articles_table_has_one_rebound_at_51_and_is_still_improving()
    {
        var report = LossCurve.Analyze(Article);
        var rebound = Assert.Single(report.Rebounds);
        Assert.Equal(new Rebound(51, 0.95, 1.10), rebound);
        Assert.Equal(rebound, report.Largest);
        Assert.Equal(0.15, rebound.Rise, 12);
        Assert.Equal(0.15 / 0.95, rebound.RelativeRise, 12);
        Assert.True(report.StillImproving);
    }

    [Fact]
    public void The_articles_last_three_points_still_fall()
    {
        var report = LossCurve.Analyze(Article, slopeWindow: 3);
        Assert.Equal(-0.002, report.FinalSlope, 12); // 0.27, 0.25, 0.23 over 20 iterations
        Assert.True(report.StillImproving);
    }

    [Fact]
    public void A_minimum_rise_filters_small_rebounds()
    {
        Assert.Empty(LossCurve.Analyze(Article, minRise: 0.2).Rebounds);
        Assert.Null(LossCurve.Analyze(Article, minRise: 0.2).Largest);
    }

    [Fact]
    public void A_per_iteration_log_numbers_iterations_from_one()
    {
        var report = LossCurve.Analyze([5.0, 4.0, 4.5, 3.0, 3.0, 3.2, 2.0]);
        Assert.Equal([new Rebound(3, 4.0, 4.5), new Rebound(6, 3.0, 3.2)], report.Rebounds);
        Assert.Equal(new Rebound(3, 4.0, 4.5), report.Largest);
    }

    [Fact]
    public void The_slope_is_a_least_squares_fit_over_the_last_points()
    {
        Assert.Equal(-2.0, LossCurve.Analyze([100.0, 10.0, 8.0, 6.0, 4.0], slopeWindow: 4).FinalSlope, 12);
    }

    [Fact]
    public void A_rising_or_recovering_tail_is_not_still_improving()
    {
        Assert.False(LossCurve.Analyze([10.0, 9.0, 8.0, 4.9, 5.0, 5.05], slopeWindow: 3).StillImproving);
        // The last three fall, but they sit above the three before: the run is recovering from a rebound.
        var recovering = LossCurve.Analyze([1.0, 5.0, 4.9, 5.2, 5.1, 5.0], slopeWindow: 3);
        Assert.True(recovering.FinalSlope < 0);
        Assert.False(recovering.StillImproving);
    }

    [Fact]
    public void Bad_curves_are_refused()
    {
        Assert.Contains("at least two points", Assert.Throws<LabException>(() => LossCurve.Analyze([1.0])).Message);
        Assert.Throws<LabException>(() => LossCurve.Analyze([1.0, double.NaN]));
        Assert.Throws<LabException>(() => LossCurve.Analyze([(1, 2.0), (1, 1.0)]));
        Assert.Throws<LabException>(() => LossCurve.Analyze([2.0, 1.0], minRise: -0.1));
        Assert.Throws<LabException>(() => LossCurve.Analyze([2.0, 1.0], slopeWindow: 1));
    }
}
