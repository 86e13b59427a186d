namespace CharLstmLab.Pages;

/// <summary>What kind of thing a code cell showed.</summary>
public enum OutputKind
{
    /// <summary>Text written to standard output.</summary>
    Stdout,
    /// <summary>Text written to standard error.</summary>
    Stderr,
    /// <summary>An error that stopped the cell.</summary>
    Error,
    /// <summary>An HTML fragment: a table, a marked text, a Plotly chart.</summary>
    Html,
    /// <summary>A value shown as plain text.</summary>
    Plain,
}
