using System.Text.Json.Nodes;
using CharLstmLab.Workbook;

namespace CharLstmLab.Notebooks.Tests;

/// <summary>The twin generator on small notebooks written for the purpose.</summary>
public class TwinGeneratorTests
{
    static string Write(params (string Id, string Type, string Source)[] cells)
    {
        var array = new JsonArray();
        foreach (var (id, type, source) in cells)
            array.Add(new JsonObject { ["cell_type"] = type, ["id"] = id, ["metadata"] = new JsonObject(), ["source"] = source });
        string path = Path.Combine(Directory.CreateTempSubdirectory("charlstm-twin-").FullName, "probe.ipynb");
        File.WriteAllText(path, NotebookFormat.Clean(new JsonObject { ["cells"] = array }.ToJsonString()));
        return path;
    }

    [Fact]
    public void Setup_cells_become_usings_and_the_notebook_constructs_become_the_apps()
    {
        string twin = TwinGenerator.Generate(Write(
            ("intro", "markdown", "# Probe\n\nSome prose."),
            ("setup-lab", "code", "// Build first\n#r \"../x.dll\"\nCharLstmLab.Charts.FSharpCoreResolver.Install();"),
            ("setup-packages", "code", "#r \"nuget: Plotly.NET, 6.0.0\"\nusing CharLstmLab.Charts;\nusing System.Text;"),
            ("settings", "code", "var n = 3;"),
            ("show", "code", "var live = new LiveOutput(n);\ndisplay(HTML(\"<b>x</b>\"));\nn * 2"),
            ("types", "code", "record Pair(int A, int B);\nvar pair = new Pair(1, 2);")));

        Assert.DoesNotContain("#r ", twin);
        Assert.DoesNotContain("FSharpCoreResolver.Install", twin);
        Assert.Contains("#:project ../src/CharLstmLab.Charts/CharLstmLab.Charts.csproj", twin);
        Assert.Contains("using CharLstmLab.Charts;\n", twin);
        Assert.Contains("using System.Text;\n", twin);
        Assert.Contains("lesson.Prose(\"\"\"\n# Probe\n\nSome prose.\n\"\"\");", twin);
        Assert.Contains("lesson.Code(\"settings\");\nvar n = 3;", twin);
        Assert.Contains("var live = lesson.Live(n);", twin);
        Assert.Contains("display(n * 2);", twin);
        Assert.Contains("static HtmlFragment HTML(string html) => new(html);", twin);
        Assert.DoesNotContain("lesson.Code(\"setup", twin);
        // Types go after the statements, where a file with top-level statements must have them.
        Assert.True(twin.IndexOf("record Pair(int A, int B);", StringComparison.Ordinal) > twin.IndexOf("lesson.Finish();", StringComparison.Ordinal));
    }

    [Fact]
    public void A_name_declared_in_two_cells_is_refused_naming_both()
    {
        string path = Write(("settings", "code", "var n = 3;"), ("again", "code", "var n = 4;"));
        var error = Assert.Throws<FormatException>(() => TwinGenerator.Generate(path));
        Assert.Contains("'n' is declared in cell 'settings' and again in cell 'again'", error.Message);
    }

    [Fact]
    public void A_setup_cell_with_other_code_is_refused()
    {
        string path = Write(("setup-lab", "code", "#r \"x.dll\"\nvar sneaky = 1;"), ("settings", "code", "var n = 3;"));
        var error = Assert.Throws<FormatException>(() => TwinGenerator.Generate(path));
        Assert.Contains("setup cell 'setup-lab'", error.Message);
    }
}
