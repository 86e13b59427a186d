using CharLstmLab.Diagnostics;

namespace CharLstmLab.Tests.Diagnostics;

public class QualityLabelTests
{
    static readonly CorpusIndex Index = new(TestData.Markdown);

    [Theory]
    [InlineData("the kettle the kettle the kettle the kettle ", QualityLabel.Repeating)]
    [InlineData("xq zvbn kettle kwpt ghj# lq\nqq", QualityLabel.RandomCharacters)]
    [InlineData("|--|", QualityLabel.RandomCharacters)] // no whole word at all
    [InlineData("# Notes on kettles\n\nA kettle boils water. A *good* kettle boils water **quickly**.\n\n- fill the", QualityLabel.Copying)]
    [InlineData("Tea is water in a small cup. Fill the large kettle, wait for a good click on the table.\n", QualityLabel.Coherent)]
    [InlineData("## Large kettles\n- fill a small cup\n- wait for Compla\n| tea | water |\n", QualityLabel.Formatted)]
    [InlineData("A kettle forkfnal boils Compla water, tea is zzkle.\n", QualityLabel.WordsAppear)]
    public void Each_label_is_reachable(string sample, string label) =>
        Assert.Equal(label, QualityLabel.For(SampleDiagnostics.Measure(sample, Index)));

    [Fact]
    public void Sample_diagnostics_gathers_each_measurement()
    {
        const string sample = "## Large kettles\n- fill a small cup\n- wait for Compla\n| tea | water |\n";
        var d = SampleDiagnostics.Measure(sample, Index);
        Assert.Equal(["Compla"], d.Nonsense.NonsenseWords);
        Assert.Equal((11, 1), (d.Nonsense.Words, d.Nonsense.NonsenseCount));
        Assert.Equal(MarkdownStructure.Measure(sample), d.Markdown);
        Assert.Equal(1.0, d.Markdown.StructuredRate);
        Assert.Equal(Memorization.Measure(sample, Index), d.Memorization);
        Assert.Equal(Repetition.Measure(sample), d.Repetition);
    }
}
