using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CharLstmLab.Workbook;

namespace CharLstmLab.Notebooks.Tests;

/// <summary>Committed notebooks are clean (diffs stay readable) and follow the workbook's conventions.</summary>
public partial class CommittedNotebookTests
{
    const string CleanCommand = "dotnet run -c Release --project src/CharLstmLab.Workbook -- --clean";

    [Theory]
    [MemberData(nameof(Notebooks.All), MemberType = typeof(Notebooks))]
    public void Is_clean(string notebook)
    {
        var root = Read(notebook);
        foreach (var (cell, n) in Cells(root))
        {
            if (Type(cell) != "code") continue;
            Assert.True(cell["outputs"] is JsonArray { Count: 0 }, $"{notebook} cell {n} has outputs; run: {CleanCommand}");
            Assert.True(cell["execution_count"] is null, $"{notebook} cell {n} has an execution count; run: {CleanCommand}");
        }
        string text = File.ReadAllText(Notebooks.PathOf(notebook));
        Assert.True(text == NotebookFormat.Clean(text), $"{notebook} is not in its committed form (metadata, ids or layout); run: {CleanCommand}");
    }

    [Theory]
    [MemberData(nameof(Notebooks.All), MemberType = typeof(Notebooks))]
    public void Has_stable_unique_cell_ids_and_polyglot_metadata(string notebook)
    {
        var root = Read(notebook);
        var ids = Cells(root).Select(c => c.Cell["id"]?.GetValue<string>()).ToList();
        Assert.All(ids, id => Assert.True(id is not null && NotebookFormat.IsValidId(id), $"{notebook}: cell id '{id}' is missing or invalid."));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.True(JsonNode.DeepEquals(NotebookFormat.NotebookMetadata()["kernelspec"], root["metadata"]?["kernelspec"]));
        Assert.True(JsonNode.DeepEquals(NotebookFormat.NotebookMetadata()["polyglot_notebook"], root["metadata"]?["polyglot_notebook"]));
        foreach (var (cell, n) in Cells(root).Where(c => Type(c.Cell) == "code"))
            Assert.True(JsonNode.DeepEquals(NotebookFormat.CodeCellMetadata(), cell["metadata"]), $"{notebook} cell {n}: not a C# cell in Polyglot's metadata.");
    }

    [Theory]
    [MemberData(nameof(Notebooks.All), MemberType = typeof(Notebooks))]
    public void Follows_the_workbook_layout(string notebook)
    {
        var cells = Cells(Read(notebook)).Select(c => (Type: Type(c.Cell), Id: c.Cell["id"]!.GetValue<string>(), Text: Source(c.Cell))).ToList();
        Assert.True(cells[0].Type == "markdown" && cells[0].Text.Contains("dotnet build -c Release"), $"{notebook}: the first cell must say what to build first.");
        Assert.Contains("What you will learn", cells[0].Text);
        int settings = cells.FindIndex(c => c.Type == "code" && c.Id == "settings");
        Assert.True(settings is > 0 and < 8, $"{notebook}: a code cell with id 'settings' belongs near the top.");
        Assert.True(cells[^1].Type == "markdown" && cells[^1].Text.Contains("## Exercises"), $"{notebook}: end with exercises.");

        var code = cells.Where(c => c.Type == "code").Select(c => c.Text).ToList();
        int setup = code.FindIndex(c => c.Contains("FSharpCoreResolver.Install()"));
        int packages = code.FindIndex(c => c.Contains("#r \"nuget:"));
        Assert.True(setup >= 0 && setup < packages, $"{notebook}: call FSharpCoreResolver.Install() in a cell before the one that loads Plotly.NET.");
        foreach (Match m in NugetReference().Matches(string.Join("\n", code)))
            Assert.True(m.Groups["version"].Success, $"{notebook}: pin the version of {m.Value}");
    }

    [GeneratedRegex(@"#r\s+""nuget:\s*[^,""]+(,\s*(?<version>\d[^""]*))?""")]
    private static partial Regex NugetReference();

    static JsonObject Read(string notebook) => JsonNode.Parse(File.ReadAllText(Notebooks.PathOf(notebook)))!.AsObject();
    static IEnumerable<(JsonObject Cell, int Number)> Cells(JsonObject root) => root["cells"]!.AsArray().Select((c, i) => (c!.AsObject(), i + 1));
    static string Type(JsonObject cell) => cell["cell_type"]!.GetValue<string>();
    static string Source(JsonObject cell) => NotebookFormat.SourceText(cell["source"]);
}
