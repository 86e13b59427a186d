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
    public static TheoryData<string> Lies => new(CheckpointForge.Lies.Keys);

    [Theory]
    [MemberData(nameof(Lies))]
    public void A_lying_header_is_refused_with_one_sentence(string lie)
    {
        var forge = new CheckpointForge(Original.Value);
        CheckpointForge.Lies[lie](forge);
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
