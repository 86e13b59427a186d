using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace CharLstmLab.Pages;

/// <summary>
/// One self-contained HTML page per lesson run: a table of contents, then prose, code and outputs,
/// with plotly.js embedded so the charts draw without a network. Chart fragments ask RequireJS for
/// Plotly (that is how the notebook formatter writes them, and the twins write theirs the same way);
/// a three-line shim hands them the embedded copy.
/// </summary>
public static partial class LessonPage
{
    static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    /// <param name="title">The page title (the lesson's file name).</param>
    /// <param name="banner">One line on how the page was made (host, time, whether every cell ran).</param>
    /// <param name="plotlyJs">plotly.min.js, or null when the lesson drew no chart.</param>
    public static string Render(string title, string banner, IReadOnlyList<PageCell> cells, string? plotlyJs)
    {
        var (prose, contents) = ProseWithAnchors(cells);
        var page = new StringBuilder();
        page.Append($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{Encode(title)}</title>
            <style>{Css}</style>

            """);
        if (plotlyJs is not null)
        {
            page.Append("<script>").Append(plotlyJs.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)).Append("</script>\n");
            page.Append("""
                <script>
                window.requirejs = function (deps, ready) { ready(window.Plotly); };
                window.requirejs.config = function () { return window.requirejs; };
                </script>

                """);
        }
        page.Append("</head>\n<body>\n<main>\n");
        page.Append($"<p class=\"banner\">{Encode(banner)}</p>\n");
        if (contents.Count > 0)
        {
            page.Append("<nav class=\"toc\"><p>Contents</p><ul>\n");
            foreach (var (level, id, text) in contents)
                page.Append($"<li class=\"level{level}\"><a href=\"#{id}\">{Encode(text)}</a></li>\n");
            page.Append("</ul></nav>\n");
        }
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i] is CodeCell code) AppendCode(page, code);
            else page.Append("<section class=\"markdown\">").Append(prose[i]).Append("</section>\n");
        }
        page.Append("</main>\n</body>\n</html>\n");
        return page.ToString();
    }

    /// <summary>
    /// Each prose cell rendered, its headings given ids unique across the page, and the table of
    /// contents they make (levels 2 and 3; level 1 is the lesson's title).
    /// </summary>
    static (Dictionary<int, string> Html, List<(int Level, string Id, string Text)> Contents) ProseWithAnchors(IReadOnlyList<PageCell> cells)
    {
        var html = new Dictionary<int, string>();
        var contents = new List<(int, string, string)>();
        var used = new HashSet<string>();
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not ProseCell prose) continue;
            var document = Markdig.Markdown.Parse(prose.Markdown, Markdown);
            foreach (var heading in document.Descendants<HeadingBlock>())
            {
                string text = HeadingText(heading);
                string id = Slug(text);
                for (int n = 2; !used.Add(id); n++) id = $"{Slug(text)}-{n}";
                heading.GetAttributes().Id = id;
                if (heading.Level is 2 or 3) contents.Add((heading.Level, id, text));
            }
            html[i] = document.ToHtml(Markdown);
        }
        return (html, contents);
    }

    /// <summary>A heading's words without their markup (emphasis and code marks dropped, code text kept).</summary>
    static string HeadingText(HeadingBlock heading) =>
        string.Concat((heading.Inline?.Descendants() ?? []).Select(i => i switch
        {
            LiteralInline literal => literal.Content.ToString(),
            CodeInline code => code.Content,
            _ => "",
        })).Trim();

    static string Slug(string text)
    {
        string slug = NonWord().Replace(text.ToLowerInvariant(), "-").Trim('-');
        return slug.Length == 0 ? "section" : slug;
    }

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex NonWord();

    static void AppendCode(StringBuilder page, CodeCell cell)
    {
        page.Append($"<section class=\"code\"><div class=\"prompt\">{Encode(cell.Label)}</div><pre><code>{Encode(cell.Code)}</code></pre>\n");
        foreach (var output in cell.Outputs) page.Append("<div class=\"output\">").Append(RenderOutput(output)).Append("</div>\n");
        page.Append("</section>\n");
    }

    static string RenderOutput(PageOutput output) => output.Kind switch
    {
        OutputKind.Stdout => $"<pre class=\"stdout\">{Encode(output.Content)}</pre>",
        OutputKind.Stderr => $"<pre class=\"stderr\">{Encode(output.Content)}</pre>",
        OutputKind.Error => $"<pre class=\"error\">{Encode(output.Content)}</pre>",
        OutputKind.Html => output.Content,
        _ => $"<pre>{Encode(output.Content)}</pre>",
    };

    static string Encode(string text) => WebUtility.HtmlEncode(text);

    // Code wraps rather than scrolls: a learner reading the page (or a screenshot of it) sees every character.
    const string Css = """
        body { font-family: system-ui, sans-serif; margin: 0; background: #fafafa; color: #222; }
        main { max-width: 1000px; margin: 0 auto; padding: 1rem 2rem 4rem; background: #fff; }
        .banner { color: #555; font-size: 0.9rem; border-bottom: 1px solid #ddd; padding-bottom: 0.5rem; }
        nav.toc { background: #f6f8fa; border: 1px solid #e1e4e8; padding: 0.4rem 1rem; margin: 1rem 0; font-size: 0.9rem; }
        nav.toc p { margin: 0.2rem 0; font-weight: 600; }
        nav.toc ul { margin: 0.2rem 0; padding-left: 1.2rem; }
        nav.toc li.level3 { margin-left: 1.2rem; list-style: circle; }
        section.code { margin: 1rem 0; }
        .prompt { color: #888; font: 0.8rem monospace; }
        pre { background: #f4f4f4; padding: 0.6rem; font-size: 0.85rem; white-space: pre-wrap; overflow-wrap: anywhere; }
        .output pre { background: #fff; border-left: 3px solid #ccd; }
        pre.error { color: #a00; border-left-color: #a00; }
        table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 0.2rem 0.5rem; }
        """;
}
