namespace CharLstmLab.Charts.Apps;

/// <summary>
/// An HTML fragment to show as HTML: what the kernel's <c>HTML("...")</c> returns in a notebook,
/// for the file-based app twins (each twin defines <c>HTML(string)</c> to return one).
/// </summary>
public sealed record HtmlFragment(string Html);
