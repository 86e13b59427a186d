using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace CharLstmLab.Tests;

/// <summary>
/// Takes a real checkpoint apart (header JSON, tensor bytes) so a test can make its header lie
/// and put it back together with a correct checksum: what a checksum cannot catch.
/// </summary>
sealed class CheckpointForge
{
    public JsonObject Header { get; }
    public byte[] Tensors { get; set; }
    public int? HeaderLengthOverride { get; set; }

    public CheckpointForge(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var body = bytes.AsSpan(52);
        int headerLength = BitConverter.ToInt32(body);
        Header = JsonNode.Parse(Encoding.UTF8.GetString(body.Slice(4, headerLength)))!.AsObject();
        Tensors = body[(4 + headerLength)..].ToArray();
    }

    public byte[] Bytes()
    {
        byte[] header = Encoding.UTF8.GetBytes(Header.ToJsonString());
        var body = new MemoryStream();
        using (var w = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(HeaderLengthOverride ?? header.Length);
            w.Write(header);
            w.Write(Tensors);
        }
        byte[] payload = body.ToArray();
        var file = new MemoryStream();
        using (var w = new BinaryWriter(file))
        {
            w.Write("CHARLSTM"u8);
            w.Write(1);
            w.Write((long)payload.Length);
            w.Write(SHA256.HashData(payload));
            w.Write(payload);
        }
        return file.ToArray();
    }

    public string Save(string path)
    {
        File.WriteAllBytes(path, Bytes());
        return path;
    }

    /// <summary>One float of the tensor area set to a value (NaN, infinity).</summary>
    public void SetFloat(int index, float value) => BitConverter.GetBytes(value).CopyTo(Tensors, index * 4);

    /// <summary>Header lies a checksum cannot catch, by name; the CLI fuzz test uses the same list.</summary>
    public static readonly Dictionary<string, Action<CheckpointForge>> Lies = new()
    {
        ["negative vocabulary size"] = f => f.Header["Shape"]!["VocabSize"] = -5,
        ["huge hidden size"] = f => { f.Header["Shape"]!["HiddenSize"] = 100_000; f.Header["Settings"]!["HiddenSize"] = 100_000; },
        ["hidden size whose square overflows int"] = f => { f.Header["Shape"]!["HiddenSize"] = int.MaxValue; f.Header["Settings"]!["HiddenSize"] = int.MaxValue; },
        ["a billion layers"] = f => { f.Header["Shape"]!["Layers"] = 1_000_000_000; f.Header["Settings"]!["Layers"] = 1_000_000_000; },
        ["zero layers"] = f => { f.Header["Shape"]!["Layers"] = 0; f.Header["Settings"]!["Layers"] = 0; },
        ["shape that disagrees with the tensors"] = f => { f.Header["Shape"]!["HiddenSize"] = 9; f.Header["Settings"]!["HiddenSize"] = 9; },
        ["settings that disagree with the shape"] = f => f.Header["Settings"]!["HiddenSize"] = 12,
        ["negative tensor length"] = f => f.Header["Lengths"]![0] = -1,
        ["huge tensor length"] = f => f.Header["Lengths"]![0] = int.MaxValue,
        ["extra optimizer slot"] = f =>
        {
            f.Header["Tensors"]!.AsArray().Add("optimizer.99");
            f.Header["Lengths"]!.AsArray().Add(8);
            f.Tensors = [.. f.Tensors, .. new byte[32]];
        },
        ["missing optimizer slot"] = f =>
        {
            var names = f.Header["Tensors"]!.AsArray();
            var lengths = f.Header["Lengths"]!.AsArray();
            int n = (int)lengths[^1]!;
            names.RemoveAt(names.Count - 1);
            lengths.RemoveAt(lengths.Count - 1);
            f.Tensors = f.Tensors[..^(n * 4)];
        },
        ["renamed tensor"] = f => f.Header["Tensors"]![1] = "lstm0.wh",
        ["optimizer that is not the one trained"] = f => f.Header["Optimizer"] = "Adam",
        ["undefined optimizer"] = f => { f.Header["Optimizer"] = 77; },
        ["missing settings"] = f => f.Header.Remove("Settings"),
        ["null settings"] = f => f.Header["Settings"] = null,
        ["missing shape"] = f => f.Header.Remove("Shape"),
        ["missing vocabulary"] = f => f.Header.Remove("Vocabulary"),
        ["missing tensor list"] = f => f.Header.Remove("Tensors"),
        ["missing log"] = f => f.Header.Remove("Log"),
        ["null sampler"] = f => f.Header["Settings"]!["Sampler"] = null,
        ["negative learning rate"] = f => f.Header["Settings"]!["LearningRate"] = -1,
        ["learning rate that is zero in float"] = f => f.Header["Settings"]!["LearningRate"] = 1e-300,
        ["empty prompt"] = f => f.Header["Settings"]!["Prompt"] = "",
        ["validation fraction of 1"] = f => f.Header["Settings"]!["ValidationFraction"] = 1.0,
        ["negative optimizer steps"] = f => f.Header["OptimizerSteps"] = -3,
        ["unsorted vocabulary"] = f => { var v = f.Header["Vocabulary"]!.AsArray(); var first = (int)v[0]!; v[0] = (int)v[1]!; v[1] = first; },
        ["duplicate vocabulary entry"] = f => { var v = f.Header["Vocabulary"]!.AsArray(); v[1] = (int)v[0]!; },
        ["vocabulary entry beyond 16 bits"] = f => { var v = f.Header["Vocabulary"]!.AsArray(); v[^1] = 0x1F600; },
        ["surrogate in the vocabulary"] = f => { var v = f.Header["Vocabulary"]!.AsArray(); v[^1] = 0xD800; },
        ["vocabulary longer than the model"] = f => f.Header["Vocabulary"]!.AsArray().Add(0xFFFD),
        ["log numbered wrongly"] = f => f.Header["Log"]![1]!["Iteration"] = 7,
        ["null log entry"] = f => f.Header["Log"]![0] = null,
        ["header length negative"] = f => f.HeaderLengthOverride = -10,
        ["header length past the end"] = f => f.HeaderLengthOverride = int.MaxValue,
        ["header length zero"] = f => f.HeaderLengthOverride = 0,
        ["header that is not JSON"] = f => f.HeaderLengthOverride = 3,
        ["header JSON of the wrong type"] = f => f.Header["Shape"] = "big",
        ["trailing bytes"] = f => f.Tensors = [.. f.Tensors, 1, 2, 3, 4],
        ["missing bytes"] = f => f.Tensors = f.Tensors[..^4],
        ["NaN weight"] = f => f.SetFloat(0, float.NaN),
        ["infinite weight"] = f => f.SetFloat(17, float.PositiveInfinity),
        ["NaN optimizer state"] = f => f.SetFloat(f.Tensors.Length / 4 - 1, float.NaN),
    };
}
