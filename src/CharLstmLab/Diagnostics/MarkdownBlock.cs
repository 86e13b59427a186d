namespace CharLstmLab.Diagnostics;

/// <summary>What one line of a sample is, as Markdown.</summary>
public enum MarkdownBlock { Blank, Heading, ListItem, TableRow, Quote, Fence, Code, Paragraph }
