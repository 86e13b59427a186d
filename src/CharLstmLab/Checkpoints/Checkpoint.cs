using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CharLstmLab.Model;
using CharLstmLab.Text;
using CharLstmLab.Training;

namespace CharLstmLab.Checkpoints;

/// <summary>
/// Everything needed to use a trained model or to resume its training exactly: weights,
/// vocabulary, settings, optimizer state and the log so far.
/// <para>File layout: magic "CHARLSTM", int32 format version, int64 payload length, SHA-256 of the
/// payload, payload. The payload is an int32-prefixed JSON header followed by the raw little-endian
/// float32 buffers (parameters, then optimizer slots) in the order the header lists.</para>
/// Files are written to a temporary name and renamed, so a crash never leaves half a checkpoint.
/// </summary>
public sealed class Checkpoint
{
    public const int FormatVersion = 1;
    static readonly byte[] Magic = "CHARLSTM"u8.ToArray();
    static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    Checkpoint(CharLstm model, Vocabulary vocabulary, TrainingSettings settings, OptimizerKind optimizer, long optimizerSteps, float[][] optimizerState, IReadOnlyList<IterationLog> log)
    {
        Model = model;
        Vocabulary = vocabulary;
        Settings = settings;
        OptimizerKind = optimizer;
        OptimizerSteps = optimizerSteps;
        OptimizerState = optimizerState;
        Log = log;
    }

    public CharLstm Model { get; }
    public Vocabulary Vocabulary { get; }
    public TrainingSettings Settings { get; }
    public OptimizerKind OptimizerKind { get; }
    public long OptimizerSteps { get; }
    public float[][] OptimizerState { get; }
    public IReadOnlyList<IterationLog> Log { get; }
    public int Iteration => Log.Count;

    /// <summary>A deep copy of a run's state, safe to keep while training goes on.</summary>
    public static Checkpoint Capture(CharLstm model, Vocabulary vocabulary, TrainingSettings settings, Optimizer optimizer, IReadOnlyList<IterationLog> log) =>
        new(model.Clone(), vocabulary, settings, optimizer.Kind, optimizer.Steps, optimizer.State.Select(s => s.ToArray()).ToArray(), log.ToArray());

    public void RestoreOptimizer(Optimizer optimizer)
    {
        if (optimizer.Kind != OptimizerKind)
            throw new LabException($"The checkpoint was trained with {OptimizerKind} and cannot resume with {optimizer.Kind}.");
        for (int i = 0; i < OptimizerState.Length; i++) OptimizerState[i].CopyTo(optimizer.State[i], 0);
        optimizer.Steps = OptimizerSteps;
    }

    sealed record Header(ModelShape Shape, int[] Vocabulary, TrainingSettings Settings, OptimizerKind Optimizer, long OptimizerSteps,
        string[] Tensors, int[] Lengths, IterationLog[] Log);

    public void Save(string path)
    {
        var tensors = Model.Parameters.Select(p => (Name: p.Name, Value: p.Value))
            .Concat(OptimizerState.Select((s, i) => (Name: $"optimizer.{i}", Value: s))).ToList();
        var header = new Header(Model.Shape, Vocabulary.Characters.Select(c => (int)c).ToArray(), Settings, OptimizerKind, OptimizerSteps,
            tensors.Select(t => t.Name).ToArray(), tensors.Select(t => t.Value.Length).ToArray(), Log.ToArray());
        byte[] headerBytes = JsonSerializer.SerializeToUtf8Bytes(header, Json);

        var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(headerBytes.Length);
            w.Write(headerBytes);
            foreach (var (_, values) in tensors) foreach (float v in values) w.Write(v);
        }
        byte[] body = payload.ToArray();

        string full = Path.GetFullPath(path);
        string? dir = Path.GetDirectoryName(full);
        if (dir is not null && !Directory.Exists(dir)) throw new LabException($"Cannot save the checkpoint: the folder '{dir}' does not exist.");
        string temp = full + ".tmp";
        try
        {
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write))
            using (var w = new BinaryWriter(file))
            {
                w.Write(Magic);
                w.Write(FormatVersion);
                w.Write((long)body.Length);
                w.Write(SHA256.HashData(body));
                w.Write(body);
                w.Flush();
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new LabException($"Cannot save the checkpoint to '{path}': {e.Message}", e);
        }
    }

    public static Checkpoint Load(string path)
    {
        if (!File.Exists(path)) throw new LabException($"The checkpoint '{path}' does not exist.");
        byte[] bytes = File.ReadAllBytes(path);
        const int prefix = 8 + 4 + 8 + 32;
        if (bytes.Length < prefix || !bytes.AsSpan(0, 8).SequenceEqual(Magic))
            throw new LabException($"'{path}' is not a CharLstmLab checkpoint.");
        int version = BitConverter.ToInt32(bytes, 8);
        if (version != FormatVersion)
            throw new LabException($"'{path}' is a version {version} checkpoint; this build reads version {FormatVersion}.");
        long length = BitConverter.ToInt64(bytes, 12);
        if (length != bytes.Length - prefix)
            throw new LabException($"The checkpoint '{path}' is truncated or has extra bytes ({bytes.Length - prefix} payload bytes, expected {length}).");
        var body = bytes.AsSpan(prefix);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(20, 32)))
            throw new LabException($"The checkpoint '{path}' is corrupt: its checksum does not match its contents.");
        try
        {
            return Parse(body);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or IndexOutOfRangeException or NullReferenceException or InvalidOperationException)
        {
            throw new LabException($"The checkpoint '{path}' has a valid checksum but an unreadable layout ({e.Message}).", e);
        }
    }

    static Checkpoint Parse(ReadOnlySpan<byte> body)
    {
        int headerLength = BitConverter.ToInt32(body);
        var header = JsonSerializer.Deserialize<Header>(body.Slice(4, headerLength), Json) ?? throw new JsonException("empty header");
        var vocabulary = new Vocabulary(header.Vocabulary.Select(c => (char)c));
        if (vocabulary.Size != header.Shape.VocabSize) throw new ArgumentException("vocabulary and model size disagree");
        var model = new CharLstm(header.Shape);
        var buffers = model.Parameters.Select(p => p.Value).ToList();
        int parameters = buffers.Count, slots = header.Tensors.Length - parameters;
        if (slots < 0 || header.Lengths.Length != header.Tensors.Length) throw new ArgumentException("the tensor list does not fit the model");
        var optimizerState = new float[slots][];
        for (int i = 0; i < slots; i++) { optimizerState[i] = new float[header.Lengths[parameters + i]]; buffers.Add(optimizerState[i]); }

        int offset = 4 + headerLength;
        for (int i = 0; i < buffers.Count; i++)
        {
            if (header.Lengths[i] != buffers[i].Length) throw new ArgumentException($"tensor {header.Tensors[i]} has {header.Lengths[i]} values, the model expects {buffers[i].Length}");
            var src = body.Slice(offset, buffers[i].Length * 4);
            for (int j = 0; j < buffers[i].Length; j++) buffers[i][j] = BitConverter.ToSingle(src.Slice(j * 4, 4));
            offset += src.Length;
        }
        if (offset != body.Length) throw new ArgumentException("trailing bytes after the last tensor");
        return new Checkpoint(model, vocabulary, header.Settings, header.Optimizer, header.OptimizerSteps, optimizerState, header.Log);
    }
}
