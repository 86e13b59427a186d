using CharLstmLab.Reproduction;
using CharLstmLab.Text;
using CharLstmLab.Training;

namespace CharLstmLab.Tests;

public class ReproductionTests
{
    static string Data(string name) => Path.Combine(TestData.RepoRoot, "data", name);

    [Fact]
    public void The_article_table_loads_with_its_ten_rows()
    {
        var rows = SeedTable.Load(Data("seed-loss-table.csv"));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => 1 + 10 * i), rows.Select(r => r.Iteration));
        Assert.Equal(60.49, rows[0].Loss);
        Assert.Equal("Small instability (temporary rebound)", rows[5].Quality);
        Assert.Equal("Repeated fragments, weak structure", rows[1].Quality);
    }

    [Fact]
    public void The_reproduction_starts_at_T_ln_V_and_falls_by_an_order_of_magnitude_by_iteration_91()
    {
        var article = SeedTable.Load(Data("seed-loss-table.csv"));
        var report = ReproductionRun.Run(Corpus.Load(Data("small")), ReproductionSettings.Article, article);

        Assert.Equal(91, report.Log.Count);
        Assert.InRange(report.FirstWindowLoss, 0.97 * report.UniformWindowLoss, 1.03 * report.UniformWindowLoss);
        Assert.InRange(report.UniformWindowLoss, 55, 67); // the article's scale: 60.49
        Assert.True(report.Log[0].Loss < report.FirstWindowLoss, "the first iteration already learns");
        Assert.True(report.Log[90].Loss < report.FirstWindowLoss / 10, $"iteration 91: {report.Log[90].Loss:F2} vs start {report.FirstWindowLoss:F2}");
        Assert.Equal(Enumerable.Range(0, 10).Select(i => 1 + 10 * i), report.Rows.Select(r => r.Iteration));
        Assert.All(report.Rows, r => Assert.NotNull(r.Article));
        Assert.True(report.Curve.StillImproving);
        Assert.Equal(51, Assert.Single(report.ArticleCurve!.Rebounds).Iteration);
    }

    [Fact]
    public void The_fixed_configuration_changes_only_the_three_fixes()
    {
        var a = ReproductionSettings.Article;
        var f = ReproductionSettings.Fixed;
        Assert.Equal(a with { ClipValue = 5, LearningRate = 0.005, Iterations = 300 }, f);
    }
}
