namespace CharLstmLab.Inspection;

/// <summary>
/// The Markdown constructs a character can sit inside, as Markdig's syntax tree names them.
/// A character can be in several at once (emphasis inside a list item inside a table cell).
/// </summary>
public enum MarkdownState
{
    /// <summary>The content lines of a fenced code block (not the fence lines themselves).</summary>
    CodeFence,
    /// <summary>A code span, backticks included.</summary>
    InlineCode,
    /// <summary>The text between the brackets of a link.</summary>
    LinkText,
    /// <summary>A link's destination, or an autolink.</summary>
    Url,
    /// <summary>A heading line, its hashes included.</summary>
    Heading,
    /// <summary>A list item, its marker and continuation lines included.</summary>
    ListItem,
    /// <summary>Emphasis or strong emphasis, delimiters included.</summary>
    Emphasis,
    /// <summary>A pipe table, every row.</summary>
    Table,
    /// <summary>Between '(' and ')' on one line (a counter, not parsed Markdown).</summary>
    InsideParentheses,
    /// <summary>Between '[' and ']' on one line.</summary>
    InsideBrackets,
    /// <summary>Between two '"' on one line.</summary>
    InsideQuotes,
}
