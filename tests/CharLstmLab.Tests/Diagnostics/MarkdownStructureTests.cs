using CharLstmLab.Diagnostics;
using static CharLstmLab.Diagnostics.MarkdownBlock;

namespace CharLstmLab.Tests.Diagnostics;

public class MarkdownStructureTests
{
    [Theory]
    [InlineData("# Title", Heading)]
    [InlineData("###### Deep", Heading)]
    [InlineData("####### Too deep", Paragraph)]
    [InlineData("#Title", Paragraph)]
    [InlineData("#", Paragraph)]
    [InlineData("- item", ListItem)]
    [InlineData("* item", ListItem)]
    [InlineData("+ item", ListItem)]
    [InlineData("  - nested", ListItem)]
    [InlineData("12. twelfth", ListItem)]
    [InlineData("3) third", ListItem)]
    [InlineData("-item", Paragraph)]
    [InlineData("- ", Paragraph)]
    [InlineData("| a | b |", TableRow)]
    [InlineData("|---|---|", TableRow)]
    [InlineData("| a |", Paragraph)]
    [InlineData("> quoted", Quote)]
    [InlineData("> > nested", Quote)]
    [InlineData(">", Paragraph)]
    [InlineData("```", Fence)]
    [InlineData("```bash", Fence)]
    [InlineData("Plain text with a # inside.", Paragraph)]
    [InlineData("   ", Blank)]
    public void Each_line_kind_is_recognized(string line, MarkdownBlock kind) => Assert.Equal([kind], MarkdownStructure.Classify(line));

    [Fact]
    public void Lines_inside_fences_are_code_and_only_a_bare_fence_closes()
    {
        Assert.Equal([Fence, Code, Code, Blank, Fence, Paragraph],
            MarkdownStructure.Classify("```bash\n# not a heading\n```python\n\n```\nafter"));
    }

    [Fact]
    public void A_sample_counts_every_kind()
    {
        const string sample = "# Kettles\n\nA kettle boils water.\n- fill it\n1. switch on\n| a | b |\n> Tea.\n```\nkettle --boil\n```\nCompla forkfnal\n";
        var report = MarkdownStructure.Measure(sample);
        Assert.Equal(new MarkdownReport(Lines: 10, Headings: 1, ListItems: 2, TableRows: 1, Quotes: 1, FenceLines: 2, CodeLines: 1, ParagraphLines: 2, FencesBalanced: true), report);
        Assert.Equal(8, report.StructuredLines);
        Assert.Equal(0.8, report.StructuredRate, 12);
    }

    [Fact]
    public void A_sample_ending_inside_a_code_block_has_unbalanced_fences()
    {
        var report = MarkdownStructure.Measure("Intro\n```bash\nkettle --boil\n");
        Assert.False(report.FencesBalanced);
        Assert.Equal((3, 1, 1), (report.Lines, report.FenceLines, report.CodeLines));
    }

    [Fact]
    public void An_empty_sample_has_no_lines() => Assert.Equal(0.0, MarkdownStructure.Measure("").StructuredRate);
}
