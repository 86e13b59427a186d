using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace CharLstmLab.Inspection;

/// <summary>
/// For every character of a Markdown text, the states it sits in (<see cref="MarkdownState"/>) and
/// its position in its line (characters since the last newline, 0 for the first). The constructs come
/// from Markdig's syntax tree with precise source positions, so "inside a code fence" means what a
/// CommonMark parser says, not what a line pattern guesses. Parse the whole text even when only a
/// tail is analysed: a held-out tail can start in the middle of a code block.
/// </summary>
public sealed class MarkdownStates
{
    static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UsePreciseSourceLocation().Build();

    readonly Dictionary<MarkdownState, bool[]> masks;

    MarkdownStates(string text, Dictionary<MarkdownState, bool[]> masks, int[] positionInLine)
    {
        Text = text;
        this.masks = masks;
        PositionInLine = positionInLine;
    }

    public string Text { get; }
    public int Length => Text.Length;

    /// <summary>Characters since the last newline (the newline itself ends its line: it has the line's length).</summary>
    public int[] PositionInLine { get; }

    /// <summary>Whether each character is inside <paramref name="state"/>.</summary>
    public bool[] Mask(MarkdownState state) => masks[state];

    public bool IsIn(int position, MarkdownState state) => masks[state][position];

    /// <summary>The states of one character, for tests and tooltips.</summary>
    public IEnumerable<MarkdownState> At(int position) => Enum.GetValues<MarkdownState>().Where(s => masks[s][position]);

    /// <summary>A state's name in prose: "code fence", "inside quotes".</summary>
    public static string Name(MarkdownState state) => state switch
    {
        MarkdownState.CodeFence => "code fence",
        MarkdownState.InlineCode => "inline code",
        MarkdownState.LinkText => "link text",
        MarkdownState.Url => "URL",
        MarkdownState.Heading => "heading",
        MarkdownState.ListItem => "list item",
        MarkdownState.Emphasis => "emphasis",
        MarkdownState.Table => "table",
        MarkdownState.InsideParentheses => "inside ( )",
        MarkdownState.InsideBrackets => "inside [ ]",
        MarkdownState.InsideQuotes => "inside quotes",
        _ => state.ToString(),
    };

    public static MarkdownStates Parse(string text)
    {
        var masks = Enum.GetValues<MarkdownState>().ToDictionary(s => s, _ => new bool[text.Length]);
        var document = Markdown.Parse(text, Pipeline);
        foreach (var node in document.Descendants())
        {
            switch (node)
            {
                case FencedCodeBlock fence:
                    foreach (var line in fence.Lines.Lines.Take(fence.Lines.Count))
                        Mark(masks[MarkdownState.CodeFence], line.Position, line.Position + line.Slice.Length); // its newline too
                    break;
                case CodeInline code: Mark(masks[MarkdownState.InlineCode], code.Span); break;
                case LinkInline { IsImage: false } link:
                    if (link.FirstChild is { } first && link.LastChild is { } last)
                        Mark(masks[MarkdownState.LinkText], first.Span.Start, last.Span.End);
                    if (!link.UrlSpan.IsEmpty) Mark(masks[MarkdownState.Url], link.UrlSpan);
                    break;
                case AutolinkInline auto: Mark(masks[MarkdownState.Url], auto.Span); break;
                case HeadingBlock heading: Mark(masks[MarkdownState.Heading], heading.Span); break;
                case ListItemBlock item: Mark(masks[MarkdownState.ListItem], item.Span); break;
                case EmphasisInline emphasis: Mark(masks[MarkdownState.Emphasis], emphasis.Span); break;
                case Table table: Mark(masks[MarkdownState.Table], table.Span); break;
            }
        }
        var positions = new int[text.Length];
        MarkLineCounters(text, positions, masks);
        return new MarkdownStates(text, masks, positions);
    }

    static void Mark(bool[] mask, SourceSpan span)
    {
        if (!span.IsEmpty) Mark(mask, span.Start, span.End); // Markdig's End is inclusive
    }

    static void Mark(bool[] mask, int first, int last)
    {
        for (int i = Math.Max(0, first); i <= Math.Min(mask.Length - 1, last); i++) mask[i] = true;
    }

    // Karpathy's counters, reset at every newline so an unbalanced quote cannot mark the rest of the text.
    // The opening and closing characters count as inside, like the delimiters of the parsed states.
    static void MarkLineCounters(string text, int[] positions, Dictionary<MarkdownState, bool[]> masks)
    {
        bool[] parens = masks[MarkdownState.InsideParentheses], brackets = masks[MarkdownState.InsideBrackets];
        bool[] quotes = masks[MarkdownState.InsideQuotes];
        int column = 0, parenDepth = 0, bracketDepth = 0;
        bool inQuote = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            positions[i] = column;
            if (c == '(') parenDepth++;
            if (c == '[') bracketDepth++;
            if (c == '"') inQuote = !inQuote;
            parens[i] = parenDepth > 0;
            brackets[i] = bracketDepth > 0;
            quotes[i] = inQuote || c == '"';
            if (c == ')' && parenDepth > 0) parenDepth--;
            if (c == ']' && bracketDepth > 0) bracketDepth--;
            column++;
            if (c == '\n') { column = 0; parenDepth = 0; bracketDepth = 0; inQuote = false; }
        }
    }
}
