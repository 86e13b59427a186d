using System.Text;
using System.Text.Json;

namespace CharLstmLab.Tests.Interop;

/// <summary>
/// A PyTorch state dict for nn.Embedding + nn.LSTM + nn.Linear as safetensors bytes, written here
/// by hand (string-built header, metadata last, BitConverter bytes) without the lab's writer, so a
/// test of the importer does not just check the lab against itself. Every part can be spoiled.
/// </summary>
sealed class TorchFile
{
    public sealed record Entry(string Name, int[] Shape, float[] Values)
    {
        public string Dtype { get; init; } = "F32";
        /// <summary>Replaces the [begin, end) the writer would give the entry.</summary>
        public (long Begin, long End)? Offsets { get; init; }
    }

    public List<Entry> Entries { get; } = [];
    public Dictionary<string, string> Metadata { get; } = [];

    public Entry this[string name]
    {
        get => Entries.Single(e => e.Name == name);
        set => Entries[Entries.FindIndex(e => e.Name == name)] = value;
    }

    /// <summary>Random weights in PyTorch's layout and a vocabulary of V characters from '0' up; both LSTM biases non-zero.</summary>
    public static TorchFile Random(int V, int E, int H, int layers, int seed)
    {
        var rng = new Random(seed);
        float[] Values(long n) => Enumerable.Range(0, (int)n).Select(_ => (float)((rng.NextDouble() - 0.5) * 0.8)).ToArray();
        var file = new TorchFile();
        void Add(string name, params int[] shape) => file.Entries.Add(new(name, shape, Values(shape.Aggregate(1L, (a, b) => a * b))));
        Add("embedding.weight", V, E);
        for (int k = 0; k < layers; k++)
        {
            Add($"lstm.weight_ih_l{k}", 4 * H, k == 0 ? E : H);
            Add($"lstm.weight_hh_l{k}", 4 * H, H);
            Add($"lstm.bias_ih_l{k}", 4 * H);
            Add($"lstm.bias_hh_l{k}", 4 * H);
        }
        Add("decoder.weight", V, H);
        Add("decoder.bias", V);
        file.Metadata["vocabulary"] = JsonSerializer.Serialize(Enumerable.Range('0', V));
        return file;
    }

    public float[] Values(string name) => this[name].Values;

    public byte[] ToBytes(Func<string, string>? editHeader = null)
    {
        Assert.True(BitConverter.IsLittleEndian);
        var header = new StringBuilder("{");
        var data = new List<byte>();
        foreach (var e in Entries)
        {
            long begin = data.Count;
            foreach (float v in e.Values) data.AddRange(BitConverter.GetBytes(v));
            var (b, end) = e.Offsets ?? (begin, data.Count);
            header.Append($"\"{e.Name}\": {{\"dtype\": \"{e.Dtype}\", \"shape\": [{string.Join(", ", e.Shape)}], \"data_offsets\": [{b}, {end}]}}, ");
        }
        header.Append($"\"__metadata__\": {JsonSerializer.Serialize(Metadata)}}}");
        string text = editHeader?.Invoke(header.ToString()) ?? header.ToString();
        byte[] json = Encoding.UTF8.GetBytes(text);
        return [.. BitConverter.GetBytes((ulong)json.Length), .. json, .. data];
    }
}
