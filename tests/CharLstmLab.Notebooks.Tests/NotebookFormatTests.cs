using System.Text.Json.Nodes;
using CharLstmLab.Workbook;

namespace CharLstmLab.Notebooks.Tests;

public class NotebookFormatTests
{
    const string Executed = """
        {"cells": [
          {"cell_type": "markdown", "metadata": {}, "source": "# Title\nText"},
          {"cell_type": "code", "id": "keep-me", "execution_count": 3, "metadata": {},
           "outputs": [{"output_type": "stream", "name": "stdout", "text": ["hi\n"]}], "source": ["1 + 1"]},
          {"cell_type": "code", "id": "keep-me", "execution_count": 4, "metadata": {}, "outputs": [], "source": ["2"]}
        ], "metadata": {"kernelspec": {"name": "other"}}, "nbformat": 4, "nbformat_minor": 2}
        """;

    [Fact]
    public void Cleaning_strips_outputs_and_counts_and_sets_polyglot_metadata()
    {
        var root = JsonNode.Parse(NotebookFormat.Clean(Executed))!;
        var cells = root["cells"]!.AsArray();
        Assert.All(cells.Where(c => c!["cell_type"]!.GetValue<string>() == "code"), c =>
        {
            Assert.Empty(c!["outputs"]!.AsArray());
            Assert.Null(c["execution_count"]);
            Assert.True(JsonNode.DeepEquals(NotebookFormat.CodeCellMetadata(), c["metadata"]));
        });
        Assert.Equal(".net-csharp", root["metadata"]!["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal(5, root["nbformat_minor"]!.GetValue<int>());
        Assert.Equal(["# Title\n", "Text"], cells[0]!["source"]!.AsArray().Select(l => l!.GetValue<string>()));
    }

    [Fact]
    public void Cleaning_keeps_ids_replaces_missing_or_duplicate_ones_and_changes_nothing_the_second_time()
    {
        string once = NotebookFormat.Clean(Executed);
        var ids = JsonNode.Parse(once)!["cells"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).ToList();
        Assert.Equal("keep-me", ids[1]);
        Assert.Equal(3, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(NotebookFormat.IsValidId(id)));
        Assert.Equal(once, NotebookFormat.Clean(once));
    }

    [Fact]
    public void Cleaned_notebooks_are_written_as_VS_Code_writes_them()
    {
        string clean = NotebookFormat.Clean(Executed);
        Assert.EndsWith("}\n", clean);
        Assert.DoesNotContain("\r", clean);
        Assert.StartsWith("{\n \"cells\": [\n  {\n   \"cell_type\": \"markdown\",\n   \"id\":", clean);
    }
}
