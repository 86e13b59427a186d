using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using CharLstmLab.Files;
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
    // Named floating-point literals: a diverging run's perplexity can overflow to Infinity and must still be saved.
    static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    Checkpoint(CharLstm model, Vocabulary vocabulary, TrainingSettings settings, OptimizerKind optimizer, long optimizerSteps,
        float[][] optimizerState, IReadOnlyList<IterationLog> log)
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
    public static Checkpoint Capture(CharLstm model, Vocabulary vocabulary, TrainingSettings settings, Optimizer optimizer,
        IReadOnlyList<IterationLog> log) =>
        new(model.Clone(), vocabulary, settings, optimizer.Kind, optimizer.Steps, optimizer.State.Select(s => s.ToArray()).ToArray(), log.ToArray());

    /// <summary>The run's state as it is, shared rather than copied: only to save it at once, while training is paused.</summary>
    internal static Checkpoint Borrow(CharLstm model, Vocabulary vocabulary, TrainingSettings settings, Optimizer optimizer,
        IReadOnlyList<IterationLog> log) =>
        new(model, vocabulary, settings, optimizer.Kind, optimizer.Steps, optimizer.State, log);

    /// <summary>What the checkpoint holds, as the trainer resumes from it.</summary>
    public RunState State => new(Model, Vocabulary, Settings, OptimizerKind, OptimizerSteps, OptimizerState, Log);

    /// <summary>Continues the saved run. Settings other than the model's shape may change (e.g. more iterations).</summary>
    public Trainer Resume(Corpus corpus, TrainingSettings? settings = null) => Trainer.Continue(State, corpus, settings);

    sealed record Header(ModelShape Shape, int[] Vocabulary, TrainingSettings Settings, OptimizerKind Optimizer, long OptimizerSteps,
        string[] Tensors, int[] Lengths, IterationLog[] Log);

    /// <summary>Most bytes read for one checkpoint: the largest array .NET makes.</summary>
    public static long MaxBytes => Array.MaxLength;

    public void Save(string path)
    {
        var tensors = Model.Parameters.Select(p => (Name: p.Name, Value: p.Value))
            .Concat(OptimizerState.Select((s, i) => (Name: $"optimizer.{i}", Value: s))).ToList();
        var header = new Header(Model.Shape, Vocabulary.Characters.Select(c => (int)c).ToArray(), Settings, OptimizerKind, OptimizerSteps,
            tensors.Select(t => t.Name).ToArray(), tensors.Select(t => t.Value.Length).ToArray(), Log.ToArray());
        byte[] headerBytes = JsonSerializer.SerializeToUtf8Bytes(header, Json);
        // The payload streams to the file through the hash; the length and checksum are filled in after it.
        // No copy of the weights is made, so a model that barely fits in memory can still be saved.
        OutputFile.Write(path, "checkpoint", file =>
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            file.Write(Magic);
            Span<byte> number = stackalloc byte[8];
            BinaryPrimitives.WriteInt32LittleEndian(number, FormatVersion);
            file.Write(number[..4]);
            file.Write(new byte[8 + 32]);
            long start = file.Position;
            void Put(ReadOnlySpan<byte> bytes) { file.Write(bytes); hash.AppendData(bytes); }
            BinaryPrimitives.WriteInt32LittleEndian(number, headerBytes.Length);
            Put(number[..4]);
            Put(headerBytes);
            foreach (var (_, values) in tensors)
            {
                if (BitConverter.IsLittleEndian) { Put(MemoryMarshal.AsBytes(values.AsSpan())); continue; }
                foreach (float v in values) { BinaryPrimitives.WriteSingleLittleEndian(number, v); Put(number[..4]); }
            }
            long length = file.Position - start;
            file.Position = Magic.Length + 4;
            BinaryPrimitives.WriteInt64LittleEndian(number, length);
            file.Write(number);
            file.Write(hash.GetHashAndReset());
            file.Position = start + length;
        });
    }

    public static Checkpoint Load(string path)
    {
        byte[] bytes = InputFile.Read(path, "checkpoint", MaxBytes);
        const int prefix = 8 + 4 + 8 + 32;
        if (bytes.Length < prefix || !bytes.AsSpan(0, 8).SequenceEqual(Magic))
            throw new LabException($"'{path}' is not a CharLstmLab checkpoint.");
        int version = BitConverter.ToInt32(bytes, 8);
        if (version != FormatVersion)
            throw new LabException($"'{path}' is a version {version} checkpoint; this build reads version {FormatVersion}.");
        long length = BitConverter.ToInt64(bytes, 12);
        if (length != bytes.Length - prefix)
            throw new LabException($"The checkpoint '{path}' is truncated or has extra bytes ({bytes.Length - prefix} payload bytes, expected " +
                $"{length}).");
        var body = bytes.AsSpan(prefix);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(20, 32)))
            throw new LabException($"The checkpoint '{path}' is corrupt: its checksum does not match its contents.");
        try
        {
            return Parse(body);
        }
        catch (InvalidCheckpoint e)
        {
            throw new LabException($"The checkpoint '{path}' has a valid checksum but {e.Message}, so it was not written by this tool or was " +
                "altered.", e);
        }
        catch (JsonException e)
        {
            throw new LabException($"The checkpoint '{path}' has a valid checksum but an unreadable header ({e.Message}).", e);
        }
        catch (LabException e)
        {
            // A setting or size in the header that the library itself refuses (a negative hidden size, a model too large to fit).
            throw new LabException($"The checkpoint '{path}' has a valid checksum but its header is not usable: {e.Message}", e);
        }
    }

    /// <summary>A header field that cannot be true of a checkpoint this tool wrote; the message completes "has a valid checksum but ...".</summary>
    sealed class InvalidCheckpoint(string message) : Exception(message);

    /// <summary>
    /// A checksum proves the bytes are as written, not that what was written makes sense: every
    /// field is checked against the others before anything is allocated from it.
    /// </summary>
    static Checkpoint Parse(ReadOnlySpan<byte> body)
    {
        if (body.Length < 4) throw new InvalidCheckpoint("no header");
        int headerLength = BitConverter.ToInt32(body);
        if (headerLength <= 0 || headerLength > body.Length - 4)
            throw new InvalidCheckpoint($"a header length of {headerLength} bytes in a {body.Length}-byte payload");
        var header = JsonSerializer.Deserialize<Header>(body.Slice(4, headerLength), Json) ?? throw new InvalidCheckpoint("an empty header");
        if (header.Shape is null || header.Vocabulary is null || header.Settings is null || header.Tensors is null || header.Lengths is null
            || header.Log is null)
            throw new InvalidCheckpoint("a header that lacks the shape, vocabulary, settings, tensor list or log");

        if (header.Vocabulary.Length != header.Shape.VocabSize)
            throw new InvalidCheckpoint($"a vocabulary of {header.Vocabulary.Length} characters for a model of {header.Shape.VocabSize}");
        for (int i = 0; i < header.Vocabulary.Length; i++)
        {
            int c = header.Vocabulary[i];
            // Ids are positions in the sorted vocabulary; an unsorted list would map every id to the wrong character.
            if (c < 0 || c > char.MaxValue || char.IsSurrogate((char)c) || (i > 0 && c <= header.Vocabulary[i - 1]))
                throw new InvalidCheckpoint($"vocabulary entry {i} ({c}) that is not a distinct character in sorted order");
        }
        header.Shape.Validate();
        header.Settings.Validate();
        var s = header.Settings;
        if ((s.EmbeddingSize, s.HiddenSize, s.Layers) != (header.Shape.EmbeddingSize, header.Shape.HiddenSize, header.Shape.Layers))
            throw new InvalidCheckpoint($"settings (E={s.EmbeddingSize} H={s.HiddenSize} layers={s.Layers}) that disagree with the model's " +
                $"(E={header.Shape.EmbeddingSize} H={header.Shape.HiddenSize} layers={header.Shape.Layers})");
        if (!Enum.IsDefined(header.Optimizer) || header.Optimizer != s.Optimizer)
            throw new InvalidCheckpoint($"optimizer {header.Optimizer} where its settings say {s.Optimizer}");
        if (header.OptimizerSteps < 0) throw new InvalidCheckpoint($"{header.OptimizerSteps} optimizer steps");
        for (int i = 0; i < header.Log.Length; i++)
            if (header.Log[i] is not { } entry) throw new InvalidCheckpoint($"log entry {i + 1} that is empty");
            else if (entry.Iteration != i + 1) throw new InvalidCheckpoint($"log entry {i + 1} numbered {entry.Iteration}");

        var expected = ModelMemory.Tensors(header.Shape);
        int parameters = expected.Count, slots = Optimizer.SlotsPerParameter(header.Optimizer) * parameters;
        for (int i = 0; i < slots; i++) expected.Add(($"optimizer.{i}", expected[i % parameters].Floats));
        if (header.Tensors.Length != expected.Count || header.Lengths.Length != expected.Count)
            throw new InvalidCheckpoint($"{header.Tensors.Length} tensors where a {header.Optimizer} model of this shape has {expected.Count}");
        long floats = 0;
        for (int i = 0; i < expected.Count; i++)
        {
            if (header.Tensors[i] != expected[i].Name || header.Lengths[i] != expected[i].Floats)
                throw new InvalidCheckpoint($"tensor {i} listed as {header.Tensors[i]} of {header.Lengths[i]} values where {expected[i].Name} has " +
                    $"{expected[i].Floats}");
            floats += expected[i].Floats;
        }
        if (floats * sizeof(float) != body.Length - 4 - headerLength)
            throw new InvalidCheckpoint($"{body.Length - 4 - headerLength} bytes of tensors where the header lists {floats * sizeof(float)}");

        var model = new CharLstm(header.Shape);
        var buffers = model.Parameters.Select(p => p.Value).ToList();
        var optimizerState = new float[slots][];
        for (int i = 0; i < slots; i++) { optimizerState[i] = new float[expected[parameters + i].Floats]; buffers.Add(optimizerState[i]); }
        var values = body[(4 + headerLength)..];
        for (int i = 0; i < buffers.Count; i++)
        {
            var bytes = values[..(buffers[i].Length * sizeof(float))];
            if (BitConverter.IsLittleEndian) MemoryMarshal.Cast<byte, float>(bytes).CopyTo(buffers[i]);
            else for (int j = 0; j < buffers[i].Length; j++) buffers[i][j] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(j * sizeof(float))..]);
            if (!AllFinite(buffers[i])) throw new InvalidCheckpoint($"non-finite values (NaN or infinity) in {expected[i].Name}");
            values = values[(buffers[i].Length * sizeof(float))..];
        }
        var vocabulary = new Vocabulary(header.Vocabulary.Select(c => (char)c));
        return new Checkpoint(model, vocabulary, header.Settings, header.Optimizer, header.OptimizerSteps, optimizerState, header.Log);
    }

    static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (float v in values) if (!float.IsFinite(v)) return false;
        return true;
    }
}
