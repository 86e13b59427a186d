using CharLstmLab.Diagnostics;

namespace CharLstmLab.Charts.Tests;

public class ViewsTests
{
    static readonly CorpusIndex Index = new("# Wren\nWren counts birds in the garden.\n| a | b |\n", ngramLength: 8);

    [Fact]
    public void A_table_encodes_its_cells_and_right_aligns_numbers()
    {
        string html = Views.Table(["iteration", "sample"], [["91", "<b>&"], ["1", "12%"], ["3,207", "0.95 ± 0.02"]], caption: "Rows");
        Assert.Contains("<caption", html);
        Assert.Contains("&lt;b&gt;&amp;", html);
        Assert.Contains("text-align: right\">91</td>", html);
        Assert.Contains("text-align: right\">12%</td>", html);
        Assert.Contains("text-align: left\">&lt;b&gt;&amp;</td>", html);
        Assert.Contains("text-align: right\">3,207</td>", html);
        Assert.Contains("text-align: right\">0.95 &#177; 0.02</td>", html); // HtmlEncode writes non-ASCII as numeric entities
        Assert.Throws<LabException>(() => Views.Table(["one"], [["a", "b"]]));
    }

    [Fact]
    public void Copied_stretches_are_marked_and_the_longest_stands_out()
    {
        // "counts birds in the" (19 characters) is in the corpus; "Wren" alone is shorter than 8.
        string sample = "zz counts birds in the moon. Wren";
        var mask = Views.CopiedMask(sample, Index, 8);
        Assert.Equal(sample.IndexOf(" counts"), Array.IndexOf(mask, true));
        Assert.False(mask[^1]);

        string html = Views.Copied(sample, Index, prompt: "<p>");
        Assert.Contains("&lt;p&gt;</span>", html);
        Assert.Contains("#ffb74d\"> counts birds in the </mark>", html);
        Assert.StartsWith("<pre", html);
        Assert.DoesNotContain("<mark", Views.Copied("zzzz qqqq", Index));
    }

    [Fact]
    public void Visible_text_shows_newlines_and_counts_long_runs_of_spaces()
    {
        Assert.Equal("a↵b[6 spaces]c", Views.Visible("a\nb      c"));
        Assert.Equal("abc…", Views.Visible("abcdef", max: 3));
    }
}
