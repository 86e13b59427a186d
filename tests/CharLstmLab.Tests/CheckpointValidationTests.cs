using System.Text.Json.Nodes;
using CharLstmLab.Checkpoints;
using CharLstmLab.Training;

namespace CharLstmLab.Tests;

/// <summary>A checksum proves the bytes are as written, not that what was written is a model: every header field is checked.</summary>
public class CheckpointValidationTests
{
    static readonly Lazy<string> Original = new(() =>
    {
        var trainer = new Trainer(TestData.Corpus, new TrainingSettings
        {
            HiddenSize = 8, EmbeddingSize = 4, SeqLength = 8, BatchSize = 2, Iterations = 2, Optimizer = OptimizerKind.Momentum, SampleEvery = 0,
        });
        trainer.Run();
        string path = TestData.TempFile("original.clm");
        trainer.ToCheckpoint().Save(path);
        return path;
    });

    /// <summary>Named header lies: each must be refused with a sentence, never a hang, a trace or an absurd allocation.</summary>
    public static TheoryData<string> Lies => new(Mutations.Keys);

    static readonly Dictionary<string, Action<CheckpointForge>> Mutations = new()
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

    [Theory]
    [MemberData(nameof(Lies))]
    public void A_lying_header_is_refused_with_one_sentence(string lie)
    {
        var forge = new CheckpointForge(Original.Value);
        Mutations[lie](forge);
        string path = forge.Save(TestData.TempFile("lie.clm"));
        var e = Assert.Throws<LabException>(() => Checkpoint.Load(path));
        Assert.Contains("valid checksum but", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public void The_forge_itself_writes_a_loadable_checkpoint()
    {
        // Without this, every refusal above could be the forge's fault rather than the header's.
        var loaded = Checkpoint.Load(new CheckpointForge(Original.Value).Save(TestData.TempFile("same.clm")));
        Assert.Equal(2, loaded.Iteration);
        Assert.Equal(OptimizerKind.Momentum, loaded.OptimizerKind);
    }

    [Fact]
    public void Random_header_values_never_escape_as_anything_but_a_sentence()
    {
        // Every number in the header replaced, one at a time, by values chosen to break arithmetic.
        long[] values = [-1, 0, 1, 3, int.MaxValue, int.MinValue, 1L << 40];
        var forge = new CheckpointForge(Original.Value);
        var numbers = Numbers(forge.Header).Take(60).ToList();
        int refused = 0, loaded = 0;
        foreach (var (pathToNumber, _) in numbers)
            foreach (long value in values)
            {
                var f = new CheckpointForge(Original.Value);
                Set(f.Header, pathToNumber, value);
                string file = f.Save(TestData.TempFile("random.clm"));
                try { Checkpoint.Load(file); loaded++; }
                catch (LabException) { refused++; }
            }
        Assert.True(refused > numbers.Count, $"{refused} refused, {loaded} loaded");
    }

    static IEnumerable<(string[] Path, JsonValue Value)> Numbers(JsonNode node, string[]? path = null)
    {
        path ??= [];
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o) if (v is not null) foreach (var n in Numbers(v, [.. path, k])) yield return n;
                break;
            case JsonArray a:
                for (int i = 0; i < a.Count; i++) if (a[i] is { } v) foreach (var n in Numbers(v, [.. path, i.ToString()])) yield return n;
                break;
            case JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number:
                yield return (path, v);
                break;
        }
    }

    static void Set(JsonNode root, string[] path, long value)
    {
        var parent = root;
        foreach (var key in path[..^1]) parent = parent is JsonArray a ? a[int.Parse(key)]! : parent[key]!;
        if (parent is JsonArray array) array[int.Parse(path[^1])] = value;
        else parent[path[^1]] = value;
    }
}
