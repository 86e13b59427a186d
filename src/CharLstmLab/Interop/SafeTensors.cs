using CharLstmLab.Files;
using System.Buffers.Binary;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CharLstmLab.Interop;

/// <summary>
/// A safetensors file (the format of Hugging Face's <c>safetensors</c> library, read by
/// <c>safetensors.torch.load_file</c>), limited to float32 tensors.
/// <para>Layout: an 8-byte little-endian header length N; N bytes of UTF-8 JSON (padded with spaces)
/// mapping each tensor's name to <c>{"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}</c>,
/// plus an optional <c>"__metadata__"</c> map of strings to strings; then the data: every tensor's
/// raw little-endian values, offsets counted from the end of the header.</para>
/// Reading checks what the reference library checks (offsets within the data, tensors back to back
/// with no gap or overlap, sizes that match shapes), so a file this class accepts loads in Python too.
/// </summary>
public sealed class SafeTensors
{
    const string MetadataKey = "__metadata__";
    /// <summary>The reference implementation refuses larger headers; so do we, before allocating.</summary>
    const long MaxHeaderBytes = 100_000_000;

    readonly Dictionary<string, SafeTensor> byName;

    public SafeTensors(IEnumerable<SafeTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        Tensors = tensors.ToArray();
        Metadata = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>());
        byName = new Dictionary<string, SafeTensor>(StringComparer.Ordinal);
        foreach (var t in Tensors)
        {
            if (t.Name == MetadataKey)
                throw new LabException($"A tensor cannot be named '{MetadataKey}': safetensors reserves that name for metadata.");
            if (t.Shape.Any(d => d < 0)) throw new LabException($"Tensor '{t.Name}' has a negative dimension in its shape {t.ShapeText}.");
            if (t.ElementCount != t.Values.Length)
                throw new LabException($"Tensor '{t.Name}' has shape {t.ShapeText} ({t.ElementCount} values) but holds {t.Values.Length} values.");
            if (!byName.TryAdd(t.Name, t)) throw new LabException($"Two tensors are named '{t.Name}'; names in a safetensors file must be unique.");
        }
    }

    public IReadOnlyList<SafeTensor> Tensors { get; }
    public IReadOnlyDictionary<string, string> Metadata { get; }

    public SafeTensor? Find(string name) => byName.GetValueOrDefault(name);

    /// <summary>The whole file: header length, header, data, with tensors stored in the order given.</summary>
    public byte[] ToBytes()
    {
        var json = new MemoryStream();
        // Relaxed escaping keeps the header readable (\" rather than \u0022); it is never embedded in HTML.
        using (var w = new Utf8JsonWriter(json, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            if (Metadata.Count > 0)
            {
                w.WriteStartObject(MetadataKey);
                foreach (var (key, value) in Metadata.OrderBy(m => m.Key, StringComparer.Ordinal)) w.WriteString(key, value);
                w.WriteEndObject();
            }
            long offset = 0;
            foreach (var t in Tensors)
            {
                w.WriteStartObject(t.Name);
                w.WriteString("dtype", "F32");
                w.WriteStartArray("shape");
                foreach (int d in t.Shape) w.WriteNumberValue(d);
                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(offset);
                w.WriteNumberValue(offset += 4L * t.Values.Length);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        // Padding the header with spaces to a multiple of 8 keeps the data aligned for readers that map the file, as the reference writer does.
        int headerLength = (int)((json.Length + 7) / 8 * 8);
        long dataLength = Tensors.Sum(t => 4L * t.Values.Length);
        var bytes = new byte[8 + headerLength + dataLength];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)headerLength);
        json.ToArray().CopyTo(bytes, 8);
        bytes.AsSpan(8 + (int)json.Length, headerLength - (int)json.Length).Fill((byte)' ');
        var data = bytes.AsSpan(8 + headerLength);
        foreach (var t in Tensors)
            for (int i = 0; i < t.Values.Length; i++, data = data[4..]) BinaryPrimitives.WriteSingleLittleEndian(data, t.Values[i]);
        return bytes;
    }

    /// <summary>Writes the file as every declared output is written (OutputFile): complete, or not at all.</summary>
    public void Save(string path) => OutputFile.Write(path, "safetensors file", file => file.Write(ToBytes()));

    /// <summary>Reads a regular file of at most the largest array .NET makes (InputFile).</summary>
    public static SafeTensors Load(string path) => Parse(InputFile.Read(path, "safetensors file", Array.MaxLength), path);

    /// <summary>Reads a whole file; <paramref name="source"/> names it in error messages.</summary>
    public static SafeTensors Parse(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.Length < 8)
            throw new LabException($"'{source}' is not a safetensors file: it has {bytes.Length} " +
                $"bytes, fewer than the 8 that give its header length.");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > MaxHeaderBytes)
            throw new LabException($"'{source}' is not a safetensors file: its header length field says " +
                $"{headerLength} bytes, more than the {MaxHeaderBytes} the format allows.");
        if ((long)headerLength > bytes.Length - 8)
            throw new LabException($"'{source}' is truncated: its header should take {headerLength} " +
                $"bytes but only {bytes.Length - 8} follow the length field.");
        var data = bytes[(8 + (int)headerLength)..];
        JsonElement root;
        try
        {
            string headerText = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes.Slice(8, (int)headerLength));
            using var doc = JsonDocument.Parse(headerText);
            root = doc.RootElement.Clone();
        }
        catch (Exception e) when (e is JsonException or DecoderFallbackException)
        {
            throw new LabException($"'{source}' has a header that is not valid UTF-8 JSON ({e.Message.TrimEnd('.')}).", e);
        }
        if (root.ValueKind != JsonValueKind.Object)
            throw new LabException($"'{source}' has a header that is a JSON {root.ValueKind}, not an object of tensors.");

        Dictionary<string, string>? metadata = null;
        var entries = new List<(string Name, int[] Shape, long Begin, long End)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!seen.Add(property.Name)) throw new LabException($"'{source}' names '{property.Name}' twice in its header.");
            if (property.Name == MetadataKey) metadata = ReadMetadata(property.Value, source);
            else entries.Add(ReadEntry(property.Name, property.Value, data.Length, source));
        }

        // Back to back from offset 0 to the end of the data, as the reference reader insists: no bytes hidden in gaps, none shared.
        long expected = 0;
        foreach (var e in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (e.Begin != expected)
                throw new LabException(e.Begin > expected
                    ? $"'{source}' leaves bytes [{expected}, {e.Begin}) of its data unused before tensor '{e.Name}'; tensors must be stored back " +
                        "to back."
                    : $"Tensor '{e.Name}' in '{source}' overlaps the tensor before it (it starts at byte {e.Begin}, the previous one ends at " +
                        $"{expected}).");
            expected = e.End;
        }
        if (expected != data.Length)
            throw new LabException($"'{source}' has {data.Length - expected} bytes of data after its last " +
                $"tensor; the file is damaged or not written by a safetensors writer.");

        var tensors = new SafeTensor[entries.Count];
        for (int k = 0; k < entries.Count; k++)
        {
            var e = entries[k];
            var values = new float[(e.End - e.Begin) / 4];
            var src = data.Slice((int)e.Begin, values.Length * 4);
            for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(src.Slice(4 * i, 4));
            tensors[k] = new SafeTensor(e.Name, e.Shape, values);
        }
        return new SafeTensors(tensors, metadata);
    }

    static Dictionary<string, string> ReadMetadata(JsonElement value, string source)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new LabException($"'{source}' has a {MetadataKey} that is a JSON {value.ValueKind}, not an object of strings.");
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var m in value.EnumerateObject())
        {
            if (m.Value.ValueKind != JsonValueKind.String)
                throw new LabException($"'{source}' has a {MetadataKey} entry '{m.Name}' that is a JSON " +
                    $"{m.Value.ValueKind}; safetensors metadata values must be strings.");
            if (!metadata.TryAdd(m.Name, m.Value.GetString()!)) throw new LabException($"'{source}' names the metadata entry '{m.Name}' twice.");
        }
        return metadata;
    }

    static (string Name, int[] Shape, long Begin, long End) ReadEntry(string name, JsonElement value, int dataLength, string source)
    {
        string where = $"Tensor '{name}' in '{source}'";
        if (value.ValueKind != JsonValueKind.Object)
            throw new LabException($"{where} is described by a JSON {value.ValueKind}, not an object with dtype, shape and data_offsets.");
        if (!value.TryGetProperty("dtype", out var dtype) || dtype.ValueKind != JsonValueKind.String)
            throw new LabException($"{where} has no dtype string.");
        if (dtype.GetString() != "F32")
            throw new LabException($"{where} is stored as {dtype.GetString()}; this lab reads float32 " +
                $"(F32) tensors only (in PyTorch, call model.float() before saving).");
        int[] shape = ReadIntegers(value, "shape", where, int.MaxValue).Select(d => (int)d).ToArray();
        long[] offsets = ReadIntegers(value, "data_offsets", where, long.MaxValue);
        if (offsets.Length != 2) throw new LabException($"{where} has {offsets.Length} data_offsets; it needs two, [begin, end].");
        var (begin, end) = (offsets[0], offsets[1]);
        if (begin > end || end > dataLength)
            throw new LabException($"{where} claims bytes [{begin}, {end}) of the data, but the data holds only {dataLength} bytes.");
        long count = 1;
        foreach (int d in shape) count = d == 0 || count <= (long)int.MaxValue / d ? count * d : long.MaxValue;
        string shapeText = $"[{string.Join(", ", shape)}]";
        if (count > Array.MaxLength / 4) throw new LabException($"{where} has shape {shapeText}, too many values to load.");
        if (4 * count != end - begin)
            throw new LabException($"{where} has shape {shapeText}, which takes {4 * count} bytes " +
                $"as float32, but its data_offsets span {end - begin} bytes.");
        return (name, shape, begin, end);
    }

    static long[] ReadIntegers(JsonElement value, string field, string where, long max)
    {
        if (!value.TryGetProperty(field, out var array) || array.ValueKind != JsonValueKind.Array)
            throw new LabException($"{where} has no {field} array.");
        var result = new long[array.GetArrayLength()];
        int i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out long n) || n < 0 || n > max)
                throw new LabException($"{where} has {field} entry {item.GetRawText()}, which is not a whole number between 0 and {max}.");
            result[i++] = n;
        }
        return result;
    }
}
