using System.Text.Json;
using CharLstmLab.Checkpoints;
using CharLstmLab.Interop;
using CharLstmLab.Model;
using CharLstmLab.Sampling;
using CharLstmLab.Training;

namespace CharLstmLab.Tests.Interop;

public class TorchLayoutTests
{
    static readonly TrainingSettings Settings = new()
    {
        HiddenSize = 20, EmbeddingSize = 6, Layers = 2, SeqLength = 10, BatchSize = 4, Iterations = 2,
        Optimizer = OptimizerKind.Adam, LearningRate = 0.01, ClipNorm = 5, SampleEvery = 0, Seed = 7, Prompt = "# ",
    };

    static Checkpoint Trained(TrainingSettings settings)
    {
        var trainer = new Trainer(TestData.Corpus, settings);
        trainer.Run();
        return trainer.ToCheckpoint();
    }

    static int[] Bits(ReadOnlySpan<float> values) => values.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();

    static float[] StepLogits(CharLstm model, int[] tokens)
    {
        var stepper = new Stepper(model);
        var all = new List<float>();
        var logits = new float[model.Shape.VocabSize];
        foreach (int t in tokens) { stepper.Step(t, logits); all.AddRange(logits); }
        return [.. all];
    }

    [Fact]
    public void Export_then_import_is_bit_identical_in_weights_logits_and_samples()
    {
        var original = Trained(Settings);
        string path = TestData.TempFile("model.safetensors");
        TorchLayout.Export(original, path);
        var imported = TorchLayout.Import(path);

        Assert.Equal(original.Vocabulary.ToString(), imported.Vocabulary.ToString());
        Assert.Equal(original.Settings, imported.Settings);
        for (int i = 0; i < original.Model.Parameters.Count; i++)
            Assert.Equal(Bits(original.Model.Parameters[i].Value), Bits(imported.Model.Parameters[i].Value));
        int[] tokens = original.Vocabulary.Encode(TestData.Markdown[..120]);
        Assert.Equal(Bits(StepLogits(original.Model, tokens)), Bits(StepLogits(imported.Model, tokens)));
        foreach (var sampler in new ISampler[] { new GreedySampler(), new TemperatureSampler(0.8), new TopPSampler(0.9, 1.0) })
            Assert.Equal(new TextGenerator(original.Model, original.Vocabulary).Generate("# ", 150, sampler, new Random(3)).ToString(),
                         new TextGenerator(imported.Model, imported.Vocabulary).Generate("# ", 150, sampler, new Random(3)).ToString());

        // A safetensors file carries no optimizer state or log: the import is a fresh start from these weights.
        Assert.Empty(imported.Log);
        Assert.All(imported.OptimizerState, slot => Assert.All(slot, v => Assert.Equal(0f, v)));
        Assert.Equal(0, imported.OptimizerSteps);
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void Training_on_from_an_imported_sgd_model_continues_like_the_original()
    {
        // Plain SGD has no state to lose, so the only difference is the numbering: iteration 1 of the
        // imported run is iteration 3 of the original one, with the same loss bit for bit.
        var settings = Settings with { Optimizer = OptimizerKind.Sgd, ClipNorm = null, LearningRate = 0.1 };
        var original = Trained(settings);
        string path = TestData.TempFile("sgd.safetensors");
        TorchLayout.Export(original, path); // first: resuming trains the checkpoint's own model in place
        var continued = original.Resume(TestData.Corpus, settings with { Iterations = 3 }).Run();
        var fresh = TorchLayout.Import(path).Resume(TestData.Corpus, settings with { Iterations = 1 }).Run();
        Assert.Equal(1, fresh.Single().Iteration);
        Assert.Equal(continued[2].Loss, fresh.Single().Loss);
        Assert.Equal(continued[2].ValMeanCe, fresh.Single().ValMeanCe);
    }

    [Fact]
    public void The_exported_file_has_pytorch_names_shapes_and_transposed_values()
    {
        var checkpoint = Trained(Settings with { Iterations = 1 });
        byte[] bytes = TorchLayout.Export(checkpoint).ToBytes();

        // Read back by hand, the way any safetensors reader would, without the lab's parser.
        long n = BitConverter.ToInt64(bytes, 0);
        Assert.Equal(0, n % 8);
        Assert.Equal((byte)'{', bytes[8]);
        using var header = JsonDocument.Parse(bytes.AsMemory(8, (int)n));
        int data = 8 + (int)n;
        float[] Read(string name, params int[] shape)
        {
            var e = header.RootElement.GetProperty(name);
            Assert.Equal("F32", e.GetProperty("dtype").GetString());
            Assert.Equal(shape, e.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
            long begin = e.GetProperty("data_offsets")[0].GetInt64(), end = e.GetProperty("data_offsets")[1].GetInt64();
            Assert.Equal(4L * shape.Aggregate(1, (a, b) => a * b), end - begin);
            var values = new float[(end - begin) / 4];
            for (int i = 0; i < values.Length; i++) values[i] = BitConverter.ToSingle(bytes, data + (int)begin + 4 * i);
            return values;
        }

        var m = checkpoint.Model;
        int V = m.Shape.VocabSize, E = m.Shape.EmbeddingSize, H = m.Shape.HiddenSize;
        Assert.Equal(m.Embedding.Value, Read("embedding.weight", V, E));
        for (int k = 0; k < 2; k++)
        {
            var layer = m.Layers[k];
            int inputs = layer.InputSize;
            float[] ih = Read($"lstm.weight_ih_l{k}", 4 * H, inputs), hh = Read($"lstm.weight_hh_l{k}", 4 * H, H);
            for (int j = 0; j < 4 * H; j++)
            {
                for (int i = 0; i < inputs; i++) Assert.Equal(layer.Wx.Value[i * 4 * H + j], ih[j * inputs + i]);
                for (int i = 0; i < H; i++) Assert.Equal(layer.Wh.Value[i * 4 * H + j], hh[j * H + i]);
            }
            Assert.Equal(layer.Bias.Value, Read($"lstm.bias_ih_l{k}", 4 * H));
            Assert.All(Read($"lstm.bias_hh_l{k}", 4 * H), v => Assert.Equal(0f, v));
        }
        float[] decoder = Read("decoder.weight", V, H);
        for (int v = 0; v < V; v++)
            for (int i = 0; i < H; i++) Assert.Equal(m.OutputWeight.Value[i * V + v], decoder[v * H + i]);
        Assert.Equal(m.OutputBias.Value, Read("decoder.bias", V));
        Assert.Equal(12, header.RootElement.EnumerateObject().Count()); // 2 + 4 per layer + 2 tensors, and the metadata

        var meta = header.RootElement.GetProperty("__metadata__");
        Assert.All(meta.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
        var codes = JsonSerializer.Deserialize<int[]>(meta.GetProperty("vocabulary").GetString()!)!;
        Assert.Equal(checkpoint.Vocabulary.ToString(), new string(codes.Select(c => (char)c).ToArray()));
        Assert.Equal(H.ToString(), meta.GetProperty("hidden_size").GetString());
        Assert.Equal("2", meta.GetProperty("num_layers").GetString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_pytorch_file_with_two_biases_imports_and_matches_a_reference_lstm(int layers)
    {
        const int V = 23, E = 7, H = 18;
        var file = TorchFile.Random(V, E, H, layers, seed: 10 + layers);
        Assert.All(Enumerable.Range(0, layers), k => Assert.Contains(file.Values($"lstm.bias_hh_l{k}"), v => v != 0));
        string path = TestData.TempFile("torch.safetensors");
        File.WriteAllBytes(path, file.ToBytes());

        var imported = TorchLayout.Import(path);
        Assert.Equal(new ModelShape(V, E, H, layers), imported.Model.Shape);
        Assert.Equal(new string(Enumerable.Range('0', V).Select(c => (char)c).ToArray()), imported.Vocabulary.ToString());
        Assert.Equal(new TrainingSettings { HiddenSize = H, EmbeddingSize = E, Layers = layers }, imported.Settings);

        var rng = new Random(layers);
        int[] tokens = Enumerable.Range(0, 40).Select(_ => rng.Next(V)).ToArray();
        double[][] expected = TorchReference.Logits(file, tokens);
        float[] actual = StepLogits(imported.Model, tokens);
        double scale = Math.Max(1, expected.Max(row => row.Max(Math.Abs)));
        for (int t = 0; t < tokens.Length; t++)
            for (int v = 0; v < V; v++)
                Assert.True(Math.Abs(expected[t][v] - actual[t * V + v]) <= 2e-5 * scale, $"logit {v} after token {t}: {actual[t * V + v]} vs {expected[t][v]}");

        // The training path (the window pass behind the validation loss and 'score') agrees too.
        double ce = 0;
        for (int t = 0; t + 1 < tokens.Length; t++)
        {
            double max = expected[t].Max();
            ce += Math.Log(expected[t].Sum(z => Math.Exp(z - max))) + max - expected[t][tokens[t + 1]];
        }
        Assert.Equal(ce / (tokens.Length - 1), Evaluator.MeanCrossEntropy(imported.Model, tokens), 1e-4);
    }

    [Fact]
    public void Metadata_sizes_and_settings_are_optional_and_checked_when_present()
    {
        var file = TorchFile.Random(5, 3, 4, 1, seed: 1);
        file.Metadata["hidden_size"] = "4";
        file.Metadata["num_layers"] = "1";
        file.Metadata[TorchLayout.SettingsKey] = JsonSerializer.Serialize(new { HiddenSize = 4, EmbeddingSize = 3, Layers = 1, SeqLength = 9, Prompt = "0" });
        var imported = TorchLayout.Import(SafeTensors.Parse(file.ToBytes(), "f"), "f");
        Assert.Equal(9, imported.Settings.SeqLength);
        Assert.Equal("0", imported.Settings.Prompt);
    }
}
