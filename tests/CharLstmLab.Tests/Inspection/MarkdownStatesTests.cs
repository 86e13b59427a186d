using CharLstmLab.Inspection;
using static CharLstmLab.Inspection.MarkdownState;

namespace CharLstmLab.Tests.Inspection;

public class MarkdownStatesTests
{
    // The characters of `text` inside `state`, as a string, so a test reads like the Markdown it checks.
    static string Inside(string text, MarkdownState state)
    {
        var mask = MarkdownStates.Parse(text).Mask(state);
        return new string(text.Where((_, i) => mask[i]).ToArray());
    }

    [Fact]
    public void A_fence_marks_its_content_lines_and_not_its_fences()
    {
        const string text = "Run it:\n\n```bash\nwren log\nwren stop\n```\n\nDone.\n";
        Assert.Equal("wren log\nwren stop\n", Inside(text, CodeFence));
    }

    [Fact]
    public void Inline_code_links_and_urls()
    {
        const string text = "Type `wren help` or see [the board](https://example.org/b) now.\n";
        Assert.Equal("`wren help`", Inside(text, InlineCode));
        Assert.Equal("the board", Inside(text, LinkText));
        Assert.Equal("https://example.org/b", Inside(text, Url));
        Assert.Equal("(https://example.org/b)", Inside(text, InsideParentheses));
        Assert.Equal("[the board]", Inside(text, InsideBrackets));
    }

    [Fact]
    public void Headings_list_items_and_emphasis()
    {
        const string text = "## Birds\n\nA *good* day.\n\n- one robin\n- two **wrens**\n";
        Assert.Equal("## Birds", Inside(text, Heading));
        Assert.Equal("*good***wrens**", Inside(text, Emphasis));
        Assert.Equal("- one robin- two **wrens**", Inside(text, ListItem)); // an item ends at its last character, before the newline
    }

    [Fact]
    public void A_pipe_table_is_one_state_and_backticks_in_a_fence_are_not_inline_code()
    {
        const string text = "| a | b |\n|---|---|\n| 1 | 2 |\n\n```\n`x`\n```\n";
        Assert.Equal("| a | b |\n|---|---|\n| 1 | 2 |", Inside(text, Table));
        Assert.Equal("", Inside(text, InlineCode));
        Assert.Equal("`x`\n", Inside(text, CodeFence));
    }

    [Fact]
    public void Counters_reset_at_every_newline()
    {
        const string text = "ab \"cd\" (e\nfg\n";
        var states = MarkdownStates.Parse(text);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0, 1, 2], states.PositionInLine);
        Assert.Equal("\"cd\"", Inside(text, InsideQuotes));
        Assert.Equal("(e\n", Inside(text, InsideParentheses)); // unclosed: ends with its line
    }

    [Fact]
    public void A_state_absent_from_the_text_is_all_false()
    {
        var states = MarkdownStates.Parse("Plain words only.\n");
        foreach (var state in Enum.GetValues<MarkdownState>()) Assert.DoesNotContain(true, states.Mask(state));
    }
}
