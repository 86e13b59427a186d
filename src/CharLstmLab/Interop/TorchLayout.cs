using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using CharLstmLab.Checkpoints;
using CharLstmLab.Model;
using CharLstmLab.Text;
using CharLstmLab.Training;

namespace CharLstmLab.Interop;

/// <summary>
/// The lab's model in the state-dict layout of PyTorch's
/// <c>nn.Embedding(V, E)</c> + <c>nn.LSTM(E, H, num_layers=L)</c> + <c>nn.Linear(H, V)</c>,
/// kept as attributes <c>embedding</c>, <c>lstm</c> and <c>decoder</c>:
/// <code>
///   embedding.weight      [V, E]     the lab's Embedding as is (row c is character c's vector)
///   lstm.weight_ih_l{k}   [4H, in]   Wx transposed: the lab stores weights input-major, [in, 4H]
///   lstm.weight_hh_l{k}   [4H, H]    Wh transposed
///   lstm.bias_ih_l{k}     [4H]       the lab's one bias
///   lstm.bias_hh_l{k}     [4H]       zeros on export; added to bias_ih on import
///   decoder.weight        [V, H]     the output weight transposed
///   decoder.bias          [V]
/// </code>
/// The gate blocks need no reordering: the lab's [i | f | g | o] (<see cref="LstmLayer"/>) is
/// PyTorch's order. The header's metadata carries the vocabulary (a JSON array of the characters'
/// UTF-16 code units, in increasing order: id c is the c-th entry), the sizes, and the lab's training
/// settings so that an exported model comes back with the same prompt and sampler.
/// </summary>
public static class TorchLayout
{
    public const string VocabularyKey = "vocabulary";
    public const string SettingsKey = "charlstm_settings";
    static readonly string[] SizeKeys = ["vocab_size", "embedding_size", "hidden_size", "num_layers"];
    static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // readable in the header: \" rather than \u0022
    };

    public static SafeTensors Export(Checkpoint checkpoint)
    {
        var model = checkpoint.Model;
        var s = model.Shape;
        int V = s.VocabSize, E = s.EmbeddingSize, H = s.HiddenSize;
        var tensors = new List<SafeTensor> { new("embedding.weight", [V, E], model.Embedding.Value.ToArray()) };
        for (int k = 0; k < s.Layers; k++)
        {
            var layer = model.Layers[k];
            tensors.Add(new($"lstm.weight_ih_l{k}", [4 * H, layer.InputSize], Transpose(layer.Wx.Value, layer.InputSize, 4 * H)));
            tensors.Add(new($"lstm.weight_hh_l{k}", [4 * H, H], Transpose(layer.Wh.Value, H, 4 * H)));
            tensors.Add(new($"lstm.bias_ih_l{k}", [4 * H], layer.Bias.Value.ToArray()));
            tensors.Add(new($"lstm.bias_hh_l{k}", [4 * H], new float[4 * H]));
        }
        tensors.Add(new("decoder.weight", [V, H], Transpose(model.OutputWeight.Value, H, V)));
        tensors.Add(new("decoder.bias", [V], model.OutputBias.Value.ToArray()));

        var metadata = new Dictionary<string, string>
        {
            ["format"] = "pt", // what PyTorch-side tools (transformers and others) expect of a state dict
            [VocabularyKey] = JsonSerializer.Serialize(checkpoint.Vocabulary.Characters.Select(c => (int)c)),
            [SettingsKey] = JsonSerializer.Serialize(checkpoint.Settings, Json),
        };
        int[] sizes = [V, E, H, s.Layers];
        for (int i = 0; i < SizeKeys.Length; i++) metadata[SizeKeys[i]] = sizes[i].ToString(CultureInfo.InvariantCulture);
        return new SafeTensors(tensors, metadata);
    }

    public static void Export(Checkpoint checkpoint, string path) => Export(checkpoint).Save(path);

    public static Checkpoint Import(string path) => Import(SafeTensors.Load(path), path);

    /// <summary>
    /// A checkpoint holding the file's weights, with no training log and a fresh optimizer (a
    /// safetensors file carries no optimizer state): resuming it starts a new run from these weights.
    /// <paramref name="source"/> names the file in error messages.
    /// </summary>
    public static Checkpoint Import(SafeTensors file, string source)
    {
        var embedding = Needed(file, "embedding.weight", source, rank: 2, "nn.Embedding's weight, [V, E]");
        var hh0 = Needed(file, "lstm.weight_hh_l0", source, rank: 2, "nn.LSTM's first recurrent weight, [4H, H]");
        int V = embedding.Shape[0], E = embedding.Shape[1], H = hh0.Shape[1];
        if (hh0.Shape[0] != 4 * H)
            throw new LabException($"Tensor 'lstm.weight_hh_l0' in '{source}' has shape " +
                $"{hh0.ShapeText}; an nn.LSTM with hidden size {H} has [{4 * H}, {H}].");
        int L = 0;
        while (file.Find($"lstm.weight_ih_l{L}") is not null || file.Find($"lstm.weight_hh_l{L}") is not null) L++;
        var shape = new ModelShape(V, E, H, L);
        shape.Validate();

        var model = new CharLstm(shape);
        var expected = new HashSet<string>(StringComparer.Ordinal);
        float[] Take(string name, params int[] dims)
        {
            expected.Add(name);
            var t = file.Find(name) ?? throw new LabException($"'{source}' has no tensor '{name}', which an nn.Embedding " +
                $"+ nn.LSTM({E}, {H}, num_layers={L}) + nn.Linear model has.");
            if (!t.Shape.SequenceEqual(dims))
                throw new LabException($"Tensor '{name}' in '{source}' has shape {t.ShapeText}, but a model " +
                    $"with V = {V}, E = {E}, H = {H} needs [{string.Join(", ", dims)}].");
            if (t.Values.Any(v => !float.IsFinite(v))) throw new LabException($"Tensor '{name}' in '{source}' holds a NaN or infinite value.");
            return t.Values;
        }

        Take("embedding.weight", V, E).CopyTo(model.Embedding.Value, 0);
        for (int k = 0; k < L; k++)
        {
            var layer = model.Layers[k];
            int inputs = shape.InputSize(k);
            Transpose(Take($"lstm.weight_ih_l{k}", 4 * H, inputs), 4 * H, inputs).CopyTo(layer.Wx.Value, 0);
            Transpose(Take($"lstm.weight_hh_l{k}", 4 * H, H), 4 * H, H).CopyTo(layer.Wh.Value, 0);
            float[] ih = Take($"lstm.bias_ih_l{k}", 4 * H), hh = Take($"lstm.bias_hh_l{k}", 4 * H);
            // x + 0 is x except that -0 + 0 is +0; skipping zeros keeps an exported bias bit for bit.
            for (int j = 0; j < 4 * H; j++) layer.Bias.Value[j] = hh[j] == 0 ? ih[j] : ih[j] + hh[j];
        }
        Transpose(Take("decoder.weight", V, H), V, H).CopyTo(model.OutputWeight.Value, 0);
        Take("decoder.bias", V).CopyTo(model.OutputBias.Value, 0);
        if (file.Tensors.FirstOrDefault(t => !expected.Contains(t.Name)) is { } extra)
            throw new LabException($"'{source}' holds tensor '{extra.Name}', which an nn.Embedding + nn.LSTM + nn.Linear model does not have " +
                                   "(bidirectional LSTMs, proj_size and other modules are not supported).");

        CheckSizes(file.Metadata, shape, source);
        var vocabulary = ReadVocabulary(file.Metadata, V, source);
        var settings = ReadSettings(file.Metadata, shape, source);
        return Checkpoint.Capture(model, vocabulary, settings, Optimizer.Create(settings.Optimizer, model.Parameters), []);
    }

    static SafeTensor Needed(SafeTensors file, string name, string source, int rank, string what)
    {
        var t = file.Find(name) ?? throw new LabException($"'{source}' has no tensor '{name}' ({what}).");
        if (t.Shape.Length != rank) throw new LabException($"Tensor '{name}' in '{source}' has shape {t.ShapeText}; {what} has {rank} dimensions.");
        return t;
    }

    /// <summary>The sizes are there for PyTorch users to build the modules; when present they must agree with the tensors.</summary>
    static void CheckSizes(IReadOnlyDictionary<string, string> metadata, ModelShape shape, string source)
    {
        int[] actual = [shape.VocabSize, shape.EmbeddingSize, shape.HiddenSize, shape.Layers];
        for (int i = 0; i < SizeKeys.Length; i++)
        {
            if (!metadata.TryGetValue(SizeKeys[i], out string? text)) continue;
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value != actual[i])
                throw new LabException($"The metadata of '{source}' " +
                    $"says {SizeKeys[i]} is \"{text}\", but its tensors have {SizeKeys[i]} {actual[i]}.");
        }
    }

    static Vocabulary ReadVocabulary(IReadOnlyDictionary<string, string> metadata, int V, string source)
    {
        if (!metadata.TryGetValue(VocabularyKey, out string? text))
            throw new LabException($"'{source}' has no '{VocabularyKey}' in its metadata; save it as " +
                $"json.dumps([ord(c) for c in chars]) with the characters in id order.");
        int[]? codes;
        try
        {
            codes = JsonSerializer.Deserialize<int[]>(text);
        }
        catch (JsonException)
        {
            codes = null;
        }
        if (codes is null)
            throw new LabException($"The '{VocabularyKey}' metadata of '{source}' is not a JSON array of character codes such as [10, 32, 35].");
        if (codes.Length != V)
            throw new LabException($"The '{VocabularyKey}' metadata of '{source}' lists " +
                $"{codes.Length} characters, but embedding.weight has {V} rows.");
        for (int i = 0; i < codes.Length; i++)
        {
            if (codes[i] is < 0 or > char.MaxValue)
                throw new LabException($"The '{VocabularyKey}' metadata of '{source}' holds " +
                    $"{codes[i]}, which is not a UTF-16 code unit (0 to 65535).");
            // The lab numbers characters in code-unit order; any other order would silently swap the embedding's rows.
            if (i > 0 && codes[i] <= codes[i - 1])
                throw new LabException($"The '{VocabularyKey}' metadata of '{source}' must list character codes in increasing " +
                    $"order without repeats (sorted(set(text))), but {codes[i]} follows {codes[i - 1]}.");
        }
        return new Vocabulary(codes.Select(c => (char)c));
    }

    static TrainingSettings ReadSettings(IReadOnlyDictionary<string, string> metadata, ModelShape shape, string source)
    {
        var fresh = new TrainingSettings { HiddenSize = shape.HiddenSize, EmbeddingSize = shape.EmbeddingSize, Layers = shape.Layers };
        if (!metadata.TryGetValue(SettingsKey, out string? text)) return fresh;
        TrainingSettings? settings;
        try
        {
            settings = JsonSerializer.Deserialize<TrainingSettings>(text, Json);
        }
        catch (JsonException)
        {
            settings = null;
        }
        if (settings is null) throw new LabException($"The '{SettingsKey}' metadata of '{source}' is not a JSON object of training settings.");
        settings.Validate();
        if (settings.HiddenSize != shape.HiddenSize || settings.EmbeddingSize != shape.EmbeddingSize || settings.Layers != shape.Layers)
            throw new LabException($"The '{SettingsKey}' metadata of '{source}' describes H = {settings.HiddenSize}, " +
                $"E = {settings.EmbeddingSize}, {settings.Layers} layer(s), but its tensors hold H = {shape.HiddenSize}, " +
                $"E = {shape.EmbeddingSize}, {shape.Layers} layer(s).");
        return settings;
    }

    /// <summary>A [rows x cols] row-major matrix as [cols x rows].</summary>
    static float[] Transpose(float[] m, int rows, int cols)
    {
        var t = new float[m.Length];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) t[c * rows + r] = m[r * cols + c];
        return t;
    }
}
