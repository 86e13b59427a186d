using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace CharLstmLab.Workbook;

/// <summary>
/// The .ipynb conventions of this repository: Polyglot Notebooks metadata as VS Code writes it,
/// nbformat 4.5 with stable cell ids, and committed notebooks kept clean (no outputs, no
/// execution counts), serialized like VS Code does (keys sorted, one-space indent, final newline).
/// </summary>
public static partial class NotebookFormat
{
    public const string Kernel = "csharp";

    public static KernelInfoCollection KernelInfos()
    {
        var infos = new KernelInfoCollection { new KernelInfo(Kernel, "C#", ["c#", "cs"]) };
        infos.DefaultKernelName = Kernel;
        return infos;
    }

    public static InteractiveDocument Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No notebook at '{path}'.", path);
        return Notebook.Parse(File.ReadAllText(path), KernelInfos());
    }

    /// <summary>The notebook as it was read, with each executed cell's outputs and execution count filled in.</summary>
    public static string Executed(NotebookRun run)
    {
        var root = JsonNode.Parse(File.ReadAllText(run.Path))!.AsObject();
        var cells = root["cells"]!.AsArray();
        // Code injected after the settings cell (NotebookRunner.RunAsync) becomes a cell of the executed copy.
        int injected = run.Document.Elements.ToList().FindIndex(e => e.Id == NotebookRunner.InjectedCellId);
        if (injected >= 0)
            cells.Insert(injected, new JsonObject
            {
                ["cell_type"] = "code", ["id"] = NotebookRunner.InjectedCellId, ["metadata"] = CodeCellMetadata(),
                ["source"] = SourceLines(run.Document.Elements[injected].Contents), ["outputs"] = new JsonArray(), ["execution_count"] = null,
            });
        foreach (var result in run.Cells)
        {
            var cell = cells[result.Number - 1]!.AsObject();
            int count = run.Document.Elements[result.Number - 1].ExecutionOrder;
            cell["execution_count"] = count;
            cell["outputs"] = new JsonArray(result.Outputs.Select(o => ToJson(o, count)).ToArray());
        }
        return Serialize(root);
    }

    static JsonNode ToJson(InteractiveDocumentOutputElement output, int executionCount) => output switch
    {
        TextElement text => new JsonObject { ["name"] = text.Name, ["output_type"] = "stream", ["text"] = SourceLines(text.Text) },
        ErrorElement error => new JsonObject
        {
            ["ename"] = error.ErrorName, ["evalue"] = error.ErrorValue, ["output_type"] = "error",
            ["traceback"] = new JsonArray(error.StackTrace.Select(l => (JsonNode)l).ToArray()),
        },
        ReturnValueElement value => new JsonObject
        {
            ["data"] = Data(value.Data), ["execution_count"] = executionCount, ["metadata"] = new JsonObject(), ["output_type"] = "execute_result",
        },
        DisplayElement display => new JsonObject { ["data"] = Data(display.Data), ["metadata"] = new JsonObject(), ["output_type"] = "display_data" },
        _ => throw new NotSupportedException($"No .ipynb form for {output.GetType().Name}."),
    };

    static JsonObject Data(IDictionary<string, object> data) =>
        new(data.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)SourceLines(d.Value?.ToString() ?? ""))));

    public static int CellCount(string path) => JsonNode.Parse(File.ReadAllText(path))?["cells"]?.AsArray().Count ?? 0;

    public static JsonObject NotebookMetadata() => new()
    {
        ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
        ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
        ["polyglot_notebook"] = new JsonObject
        {
            ["kernelInfo"] = new JsonObject
            {
                ["defaultKernelName"] = Kernel,
                ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = Kernel }),
            },
        },
    };

    public static JsonObject CodeCellMetadata() => new()
    {
        ["dotnet_interactive"] = new JsonObject { ["language"] = Kernel },
        ["polyglot_notebook"] = new JsonObject { ["kernelName"] = Kernel },
    };

    /// <summary>nbformat's rule for a cell id.</summary>
    public static bool IsValidId(string id) => IdPattern().IsMatch(id);

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();

    /// <summary>
    /// The committed form of a notebook: outputs and execution counts removed, metadata set,
    /// missing or duplicate cell ids replaced (existing ones are kept, so ids stay stable).
    /// Cleaning a clean notebook changes nothing.
    /// </summary>
    public static string Clean(string json)
    {
        var root = JsonNode.Parse(json)?.AsObject() ?? throw new FormatException("The notebook is not a JSON object.");
        var cells = root["cells"]?.AsArray() ?? throw new FormatException("The notebook has no \"cells\" array.");
        var seen = new HashSet<string>();
        for (int i = 0; i < cells.Count; i++) CleanCell(cells[i]!.AsObject(), i, seen);

        var metadata = root["metadata"] as JsonObject ?? [];
        foreach (var (key, value) in NotebookMetadata()) metadata[key] = value?.DeepClone();
        root["metadata"] = metadata.DeepClone();
        root["nbformat"] = 4;
        root["nbformat_minor"] = 5;
        return Serialize(root);
    }

    static void CleanCell(JsonObject cell, int index, HashSet<string> seen)
    {
        string type = cell["cell_type"]?.GetValue<string>() ?? throw new FormatException($"Cell {index + 1} has no cell_type.");
        string source = SourceText(cell["source"]).Replace("\r\n", "\n");
        cell["source"] = SourceLines(source);

        string? id = cell["id"]?.GetValue<string>();
        if (id is null || !IsValidId(id) || seen.Contains(id)) id = NewId(type, source, index, seen);
        seen.Add(id);
        cell["id"] = id;

        if (type == "code")
        {
            var metadata = cell["metadata"] as JsonObject ?? [];
            foreach (var (key, value) in CodeCellMetadata()) metadata[key] = value?.DeepClone();
            cell["metadata"] = metadata.DeepClone();
            cell["execution_count"] = null;
            cell["outputs"] = new JsonArray();
        }
        else
        {
            cell["metadata"] ??= new JsonObject();
            cell.Remove("execution_count");
            cell.Remove("outputs");
        }
    }

    public static string SourceText(JsonNode? source) => source switch
    {
        null => "",
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>())),
        _ => source.GetValue<string>(),
    };

    /// <summary>Jupyter's line list: every line keeps its '\n' except the last.</summary>
    static JsonArray SourceLines(string text)
    {
        var lines = new JsonArray();
        int start = 0;
        while (start < text.Length)
        {
            int end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end + 1;
            lines.Add(text[start..end]);
            start = end;
        }
        return lines;
    }

    /// <summary>A short id derived from the cell, made once and then kept; a suffix resolves clashes.</summary>
    static string NewId(string type, string source, int index, HashSet<string> seen)
    {
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{type}\n{index}\n{source}")))[..8];
        string id = hash;
        for (int n = 2; seen.Contains(id); n++) id = $"{hash}-{n}";
        return id;
    }

    static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
    };

    /// <summary>Keys sorted at every level, one-space indent, '\n' line ends and a final newline: what VS Code writes.</summary>
    public static string Serialize(JsonNode root)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) Sorted(root)!.WriteTo(writer);
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };
}
