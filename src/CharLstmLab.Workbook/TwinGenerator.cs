using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CharLstmLab.Workbook;

/// <summary>
/// Writes a notebook's file-based app twin (<c>notebooks/NAME.cs</c>, run with <c>dotnet run</c>),
/// so the .ipynb stays the one source and every lesson also runs without .NET Interactive.
/// <para>
/// The notebook-only constructs become what <see cref="CharLstmLab.Charts.Apps.LessonApp"/> offers:
/// the setup cells (<c>#r</c> lines and the kernel's FSharp.Core fix) give way to <c>#:project</c>
/// and their <c>using</c> directives move to the top; a cell's trailing expression is displayed;
/// <c>display</c> and <c>HTML</c> are two local functions; <c>new LiveOutput(x)</c> becomes
/// <c>lesson.Live(x)</c>; type declarations move to the end, where C# wants them. A notebook whose
/// cells would not compile as one file (a name declared in two cells) is refused, naming both cells:
/// fix the notebook, not the twin.
/// </para>
/// </summary>
public static class TwinGenerator
{
    static readonly CSharpParseOptions Script =
        CSharpParseOptions.Default.WithKind(SourceCodeKind.Script).WithLanguageVersion(LanguageVersion.Latest);

    /// <summary>The twin's path beside the notebook: NAME.ipynb -> NAME.cs.</summary>
    public static string TwinPath(string notebook) => Path.ChangeExtension(notebook, ".cs");

    /// <summary>True when the committed twin is missing or differs from what the notebook generates now.</summary>
    public static bool IsStale(string notebook) =>
        !File.Exists(TwinPath(notebook)) || File.ReadAllText(TwinPath(notebook)) != Generate(notebook);

    public static string Generate(string notebook)
    {
        string name = Path.GetFileNameWithoutExtension(notebook);
        var cells = JsonNode.Parse(File.ReadAllText(notebook))!["cells"]!.AsArray()
            .Select(c => (Id: (string?)c!["id"] ?? "", Type: (string?)c["cell_type"] ?? "", Source: NotebookFormat.SourceText(c["source"])))
            .ToList();

        var usings = new List<string> { "using CharLstmLab.Charts.Apps;" };
        var body = new StringBuilder();
        var types = new StringBuilder();
        var declared = new Dictionary<string, string>();   // top-level name -> the cell that declares it
        foreach (var (id, type, source) in cells)
        {
            bool setup = id.StartsWith("setup", StringComparison.Ordinal);
            if (type == "markdown")
            {
                if (!setup) body.Append("lesson.Prose(").Append(RawString(source)).Append(");\n\n");
                continue;
            }
            var cell = Translate(name, id, source, usings, types, declared);
            if (setup)
            {
                if (HasCode(cell)) throw new FormatException($"{name}: setup cell '{id}' has code other than #r, using directives and the kernel's " +
                    $"FSharp.Core fix:\n{cell}");
                continue;
            }
            body.Append($"lesson.Code(\"{id}\");\n").Append(cell.TrimEnd()).Append("\n\n");
        }

        var twin = new StringBuilder();
        twin.Append($"""
            // The file-based app twin of {name}.ipynb: the same lesson without a notebook host.
            //   dotnet run {name}.cs                 from notebooks/
            //   dotnet run notebooks/{name}.cs       from the repository root
            // It prints what the notebook prints and ends with the path of an offline HTML page (prose,
            // code, outputs, charts). Edit the settings block (after lesson.Code("settings")) and rerun.
            // Generated from the notebook, which stays the one source: change the notebook, then run
            //   dotnet run -c Release --project src/CharLstmLab.Workbook -- --twins
            // (PublishAot=false: a file-based app is AOT-ready by default, which switches off the reflection
            // System.Text.Json the lab's checkpoints and safetensors metadata use; a lesson is never AOT-published.)
            #:project ../src/CharLstmLab.Charts/CharLstmLab.Charts.csproj
            #:property Optimize=true
            #:property PublishAot=false

            """);
        twin.Append('\n');
        foreach (string u in usings.Distinct().OrderBy(u => u.TrimEnd(';'), StringComparer.Ordinal)) twin.Append(u).Append('\n');
        twin.Append($"\nvar lesson = LessonApp.Start(\"{name}\");\n\n");
        twin.Append(body);
        twin.Append("lesson.Finish();\n\n");
        // What the notebook kernel provides to every cell, as this app provides it (only what the lesson uses:
        // an unused local function does not compile here, warnings being errors).
        string code = body.ToString();
        var shims = new List<string>();
        if (Regex.IsMatch(code, @"\bdisplay\(")) shims.Add("void display(object? value) => lesson.Display(value);");
        if (Regex.IsMatch(code, @"\bHTML\(")) shims.Add("static HtmlFragment HTML(string html) => new(html);");
        if (shims.Count > 0)
            twin.Append("// What the notebook kernel provides to every cell, as this app provides it.\n")
                .Append(string.Join("\n", shims)).Append('\n');
        if (types.Length > 0) twin.Append('\n').Append(types.ToString().TrimEnd()).Append('\n');
        return twin.ToString();
    }

    /// <summary>One code cell as twin statements; its usings and types go to <paramref name="usings"/> and <paramref name="types"/>.</summary>
    static string Translate(string notebook, string id, string source, List<string> usings, StringBuilder types, Dictionary<string, string> declared)
    {
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(source, Script).GetRoot();
        var errors = root.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0) throw new FormatException($"{notebook}: cell '{id}' does not parse: {errors[0]}");

        var edits = new List<(TextSpan Span, string Text)>();
        foreach (var u in root.Usings)
        {
            usings.Add(u.ToString().Trim());
            edits.Add((u.FullSpan, ""));
        }
        foreach (var member in root.Members)
        {
            if (member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax)
            {
                Declare(notebook, id, ((MemberDeclarationSyntax)member) switch
                {
                    BaseTypeDeclarationSyntax t => t.Identifier.Text,
                    DelegateDeclarationSyntax d => d.Identifier.Text,
                    _ => "",
                }, declared);
                types.Append(member.ToFullString().Trim('\n', '\r')).Append("\n\n");
                edits.Add((member.FullSpan, ""));
                continue;
            }
            foreach (string declaredName in TopLevelNames(member)) Declare(notebook, id, declaredName, declared);
            if (IsKernelFix(member)) edits.Add((member.FullSpan, ""));
        }
        // A cell's last expression without a semicolon is what the notebook displays.
        if (root.Members.LastOrDefault() is GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } last })
            edits.Add((last.Span, $"display({Rewrite(last.Expression)});"));
        foreach (var live in root.DescendantNodes().OfType<ObjectCreationExpressionSyntax>().Where(IsLiveOutput))
            if (!edits.Any(e => e.Span.Contains(live.Span)))
                edits.Add((live.Span, $"lesson.Live{live.ArgumentList}"));

        string text = source;
        foreach (var (span, replacement) in edits.OrderByDescending(e => e.Span.Start))
            text = text[..span.Start] + replacement + text[span.End..];
        return DropReferences(text);
    }

    static bool HasCode(string text) =>
        CSharpSyntaxTree.ParseText(text, Script).GetRoot().DescendantTokens().Any(t => !t.IsKind(SyntaxKind.EndOfFileToken));

    static bool IsLiveOutput(ObjectCreationExpressionSyntax creation) =>
        creation.Type.ToString() is "LiveOutput" or "CharLstmLab.Charts.LiveOutput";

    /// <summary>The trailing expression with any <c>new LiveOutput(...)</c> inside it rewritten too.</summary>
    static string Rewrite(ExpressionSyntax expression)
    {
        string text = expression.ToString();
        foreach (var live in expression.DescendantNodesAndSelf().OfType<ObjectCreationExpressionSyntax>().Where(IsLiveOutput)
            .OrderByDescending(n => n.SpanStart))
        {
            int start = live.SpanStart - expression.SpanStart;
            text = text[..start] + $"lesson.Live{live.ArgumentList}" + text[(start + live.Span.Length)..];
        }
        return text;
    }

    /// <summary>The kernel's FSharp.Core fix (<c>CharLstmLab.Charts.FSharpCoreResolver.Install();</c>): an app needs none.</summary>
    static bool IsKernelFix(MemberDeclarationSyntax member) =>
        member is GlobalStatementSyntax { Statement: ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call } }
        && call.Expression.ToString() is "CharLstmLab.Charts.FSharpCoreResolver.Install" or "FSharpCoreResolver.Install";

    /// <summary>Names a cell declares at the top level: variables, local functions (script methods), deconstructions.</summary>
    static IEnumerable<string> TopLevelNames(MemberDeclarationSyntax member) => member switch
    {
        MethodDeclarationSyntax method => [method.Identifier.Text],
        GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local } => local.Declaration.Variables.Select(v => v.Identifier.Text),
        GlobalStatementSyntax { Statement: LocalFunctionStatementSyntax function } => [function.Identifier.Text],
        GlobalStatementSyntax
        {
            Statement: ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: DeclarationExpressionSyntax d } }
        } =>
            d.Designation.DescendantNodesAndSelf().OfType<SingleVariableDesignationSyntax>().Select(v => v.Identifier.Text),
        FieldDeclarationSyntax field => field.Declaration.Variables.Select(v => v.Identifier.Text),
        _ => [],
    };

    static void Declare(string notebook, string id, string name, Dictionary<string, string> declared)
    {
        if (name.Length == 0) return;
        if (declared.TryGetValue(name, out string? first))
            throw new FormatException($"{notebook}: '{name}' is declared in cell '{first}' and again in cell '{id}'; as one C# file that does not " +
                "compile. Reassign it in the later cell instead.");
        declared[name] = id;
    }

    static string DropReferences(string text) =>
        string.Join("\n", text.Split('\n').Where(l => !l.TrimStart().StartsWith("#r ", StringComparison.Ordinal))).Trim('\n');

    /// <summary>A C# raw string literal holding <paramref name="text"/> exactly, with its quotes on lines of their own.</summary>
    static string RawString(string text)
    {
        int longest = 0, run = 0;
        foreach (char c in text) { run = c == '"' ? run + 1 : 0; longest = Math.Max(longest, run); }
        string quotes = new('"', Math.Max(3, longest + 1));
        return $"{quotes}\n{text.TrimEnd('\n')}\n{quotes}";
    }
}
