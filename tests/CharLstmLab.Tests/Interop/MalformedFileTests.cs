using CharLstmLab.Interop;

namespace CharLstmLab.Tests.Interop;

/// <summary>Every way a file can be wrong ends in one <see cref="LabException"/> sentence that says what is wrong, before a model is built.</summary>
public class MalformedFileTests
{
    const int V = 6, E = 3, H = 4;

    static TorchFile Good() => TorchFile.Random(V, E, H, layers: 2, seed: 4);

    static void Rejected(byte[] bytes, string expected)
    {
        string path = TestData.TempFile("bad.safetensors");
        File.WriteAllBytes(path, bytes);
        string message = Assert.Throws<LabException>(() => TorchLayout.Import(path)).Message;
        Assert.Contains(expected, message);
        Assert.DoesNotContain('\n', message);
        Assert.EndsWith(".", message);
    }

    static void Rejected(TorchFile file, string expected) => Rejected(file.ToBytes(), expected);

    [Fact]
    public void The_good_file_itself_imports() => TorchLayout.Import(SafeTensors.Parse(Good().ToBytes(), "good"), "good");

    [Fact]
    public void Too_short_for_the_header_length() => Rejected([1, 2, 3], "fewer than the 8");

    [Fact]
    public void Truncated_header()
    {
        byte[] bytes = Good().ToBytes();
        long n = BitConverter.ToInt64(bytes);
        Rejected(bytes[..(8 + (int)n / 2)], "truncated");
    }

    [Fact]
    public void Header_length_beyond_any_real_file() => Rejected([.. BitConverter.GetBytes(long.MaxValue), .. "{}"u8], "more than");

    [Fact]
    public void Header_that_is_not_json() => Rejected(Good().ToBytes(h => h[..^3]), "not valid UTF-8 JSON");

    [Fact]
    public void Header_that_is_a_json_array() => Rejected(Good().ToBytes(_ => "[1, 2]"), "not an object");

    [Fact]
    public void Offsets_past_the_end_of_the_data()
    {
        var file = Good();
        var last = file.Entries[^1];
        long end = 4L * file.Entries.Sum(e => e.Values.Length);
        file[last.Name] = last with { Offsets = (end - 4L * last.Values.Length + 8, end + 8) };
        Rejected(file, "claims bytes");
    }

    [Fact]
    public void Data_cut_short() => Rejected(Good().ToBytes()[..^4], "claims bytes");

    [Fact]
    public void Offsets_that_do_not_match_the_shape()
    {
        var file = Good();
        var bias = file["decoder.bias"];
        file["decoder.bias"] = bias with { Shape = [V - 1] };
        Rejected(file, "data_offsets span");
    }

    [Fact]
    public void Overlapping_tensors()
    {
        var file = Good();
        file.Entries.Insert(1, new TorchFile.Entry("extra", [2], [1, 2]) { Offsets = (0, 8) });
        Rejected(file, "overlaps");
    }

    [Fact]
    public void Bytes_after_the_last_tensor() => Rejected([.. Good().ToBytes(), 0, 0, 0, 0], "after its last tensor");

    [Theory]
    [InlineData("F16")]
    [InlineData("F64")]
    [InlineData("BF16")]
    public void Wrong_dtype(string dtype)
    {
        var file = Good();
        file["lstm.weight_hh_l1"] = file["lstm.weight_hh_l1"] with { Dtype = dtype };
        Rejected(file, $"is stored as {dtype}; this lab reads float32 (F32)");
    }

    [Theory]
    [InlineData("lstm.bias_hh_l0")]
    [InlineData("lstm.weight_ih_l1")]
    [InlineData("decoder.weight")]
    [InlineData("decoder.bias")]
    [InlineData("embedding.weight")]
    public void Missing_tensor(string name)
    {
        var file = Good();
        file.Entries.RemoveAll(e => e.Name == name);
        Rejected(file, $"has no tensor '{name}'");
    }

    [Theory]
    [InlineData("decoder.weight", V, H + 1)]
    [InlineData("lstm.weight_ih_l1", 4 * H, E)]
    [InlineData("lstm.bias_ih_l0", 4 * H + 4)]
    [InlineData("decoder.bias", V, 1)]
    public void Shape_mismatch(string name, params int[] shape)
    {
        var file = Good();
        file[name] = new TorchFile.Entry(name, shape, new float[shape.Aggregate(1, (a, b) => a * b)]);
        Rejected(file, $"Tensor '{name}' in ");
    }

    [Fact]
    public void Recurrent_weight_that_is_not_four_gates_tall()
    {
        var file = Good();
        file["lstm.weight_hh_l0"] = new TorchFile.Entry("lstm.weight_hh_l0", [3 * H, H], new float[3 * H * H]);
        Rejected(file, "an nn.LSTM with hidden size 4 has [16, 4]");
    }

    [Fact]
    public void A_tensor_the_model_does_not_have()
    {
        var file = Good();
        file.Entries.Add(new("lstm.weight_hr_l0", [2, H], new float[2 * H]));
        Rejected(file, "holds tensor 'lstm.weight_hr_l0'");
    }

    [Fact]
    public void A_nan_weight()
    {
        var file = Good();
        file.Values("lstm.weight_hh_l0")[5] = float.NaN;
        Rejected(file, "NaN or infinite");
    }

    [Theory]
    [InlineData(null, "has no 'vocabulary' in its metadata")]
    [InlineData("abcdef", "not a JSON array of character codes")]
    [InlineData("[48, 49, 50]", "lists 3 characters, but embedding.weight has 6 rows")]
    [InlineData("[48, 49, 50, 52, 51, 53]", "increasing order")]
    [InlineData("[48, 49, 50, 50, 51, 53]", "increasing order")]
    [InlineData("[48, 49, 50, 51, 52, 70000]", "not a UTF-16 code unit")]
    public void Bad_vocabulary(string? vocabulary, string expected)
    {
        var file = Good();
        if (vocabulary is null) file.Metadata.Remove("vocabulary");
        else file.Metadata["vocabulary"] = vocabulary;
        Rejected(file, expected);
    }

    [Theory]
    [InlineData("hidden_size", "5", "says hidden_size is \"5\"")]
    [InlineData("num_layers", "two", "says num_layers is \"two\"")]
    [InlineData("charlstm_settings", "{not json", "not a JSON object of training settings")]
    [InlineData("charlstm_settings", "{\"HiddenSize\": 4, \"EmbeddingSize\": 3, \"Layers\": 1}", "describes H = 4, E = 3, 1 layer(s)")]
    [InlineData("charlstm_settings", "{\"HiddenSize\": 4, \"EmbeddingSize\": 3, \"Layers\": 2, \"SeqLength\": -1}", "sequence length")]
    public void Bad_metadata(string key, string value, string expected)
    {
        var file = Good();
        file.Metadata[key] = value;
        Rejected(file, expected);
    }

    [Fact]
    public void Metadata_values_must_be_strings() =>
        Rejected(Good().ToBytes(h => h.Replace("\"__metadata__\": {", "\"__metadata__\": {\"hidden_size\": 4, ")), "must be strings");
}
