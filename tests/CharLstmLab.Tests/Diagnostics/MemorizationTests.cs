using CharLstmLab.Diagnostics;

namespace CharLstmLab.Tests.Diagnostics;

public class MemorizationTests
{
    static readonly CorpusIndex Index = new("# Kettles\n\nThe kettle boils water quickly.\n- fill it\n```\n", ngramLength: 8);

    [Fact]
    public void Copied_lines_ngrams_and_the_longest_span_are_counted_exactly()
    {
        const string copied = "The kettle boils water quickly.\n- fill it\n```\n";
        var report = Memorization.Measure(copied + "A kettle sings loudly.\nThe kettle boi", Index);
        // Judged lines: the copied first line and "A kettle sings loudly."; "- fill it" and "```" are too
        // short, "The kettle boi" is cut off. 48 of the 76 8-grams occur in the corpus.
        Assert.Equal(new MemorizationReport(2, 1, 0.5, 76, 48, 48.0 / 76, new CopiedSpan(copied, 0, 11, 3)), report);
    }

    [Fact]
    public void Short_lines_match_any_markdown_corpus_so_they_are_not_judged()
    {
        var report = Memorization.Measure("```\n- fill it\n# Kettles\n\n", Index);
        Assert.Equal((0, 0.0), (report.Lines, report.LineRate));
    }

    [Fact]
    public void A_sample_shorter_than_n_has_no_ngrams()
    {
        var report = Memorization.Measure("kettle", Index);
        Assert.Equal(new MemorizationReport(0, 0, 0, 0, 0, 0, new CopiedSpan("kettle", 0, 15, 3)), report);
        Assert.Equal(new MemorizationReport(0, 0, 0, 0, 0, 0, null), Memorization.Measure("", Index));
    }

    [Fact]
    public void Runs_of_spaces_and_padding_are_not_counted_as_copying()
    {
        var index = new CorpusIndex("| a |" + new string(' ', 40) + "|\nkettle boils water on the stove\n");
        var loop = Memorization.Measure(new string(' ', 300), index);
        Assert.Equal(0, loop.Ngrams);
        Assert.Equal(0, loop.NgramRate);
        Assert.Null(loop.Longest);

        var mixed = Memorization.Measure(new string(' ', 30) + "kettle boils water", index);
        Assert.Equal("kettle boils water", mixed.Longest?.Text);
    }
}
