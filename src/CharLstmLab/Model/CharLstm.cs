using CharLstmLab.Compute;

namespace CharLstmLab.Model;

/// <summary>
/// Embedding (V -> E) -> LSTM layers (H units each) -> linear (H -> V) -> softmax.
/// Weights are stored input-major ([in x out]) so a batch of rows times a weight is one
/// <see cref="Kernels.MatMul"/>.
/// </summary>
public sealed class CharLstm
{
    public CharLstm(ModelShape shape)
    {
        shape.Validate();
        Shape = shape;
        int V = shape.VocabSize, E = shape.EmbeddingSize, H = shape.HiddenSize;
        Embedding = new Parameter("embedding", V, E);
        Layers = new LstmLayer[shape.Layers];
        for (int l = 0; l < shape.Layers; l++) Layers[l] = new LstmLayer(l, shape.InputSize(l), H);
        OutputWeight = new Parameter("output.weight", H, V);
        OutputBias = new Parameter("output.bias", 1, V);
        Output = new Linear(OutputWeight, OutputBias);
        Parameters = [Embedding, .. Layers.SelectMany(l => l.Parameters), OutputWeight, OutputBias];
    }

    public ModelShape Shape { get; }
    public Parameter Embedding { get; }
    public LstmLayer[] Layers { get; }
    public Parameter OutputWeight { get; }
    public Parameter OutputBias { get; }
    /// <summary>The decoder, logits = output.bias + h * output.weight.</summary>
    public Linear Output { get; }
    public IReadOnlyList<Parameter> Parameters { get; }
    public long ParameterCount => Parameters.Sum(p => (long)p.Length);

    /// <summary>
    /// A new model with seeded weights: embedding uniform in [-1, 1]; every LSTM and output
    /// matrix uniform in [-1/sqrt(H), 1/sqrt(H)] (PyTorch's default); biases zero except the
    /// forget gate's, which starts at 1 so a fresh cell keeps its memory instead of erasing it.
    /// The output layer starts small, so a fresh model predicts nearly uniformly (loss ~ ln V).
    /// </summary>
    public static CharLstm Create(ModelShape shape, int seed)
    {
        var model = new CharLstm(shape);
        var rng = new Random(seed);
        float s = 1f / MathF.Sqrt(shape.HiddenSize);
        Fill(model.Embedding.Value, rng, 1f);
        foreach (var layer in model.Layers)
        {
            Fill(layer.Wx.Value, rng, s);
            Fill(layer.Wh.Value, rng, s);
            layer.Bias.Value.AsSpan(shape.HiddenSize, shape.HiddenSize).Fill(1f);
        }
        Fill(model.OutputWeight.Value, rng, s);
        return model;
    }

    static void Fill(float[] values, Random rng, float scale)
    {
        for (int i = 0; i < values.Length; i++) values[i] = (float)(rng.NextDouble() * 2 - 1) * scale;
    }

    /// <summary>The zero state: what a model starts from when it has read nothing.</summary>
    public LstmState InitHidden(int batchSize)
    {
        Require.Positive(batchSize, "The batch size");
        return new LstmState(Shape.Layers, batchSize, Shape.HiddenSize);
    }

    /// <summary>
    /// Layer 0's input product for every character: row c is bias + Embedding[c] * Wx, [V x 4H].
    /// The input is one character, so training and sampling look their gate inputs up here.
    /// </summary>
    public void FirstLayerInputTable(Span<float> table, ComputeContext? compute = null)
    {
        int V = Shape.VocabSize, g4 = 4 * Shape.HiddenSize;
        var first = Layers[0];
        Kernels.Broadcast(first.Bias.Value, table, V);
        Kernels.MatMul(Embedding.Value, first.Wx.Value, table, V, Shape.EmbeddingSize, g4, accumulate: true, compute);
    }

    public void ZeroGrad()
    {
        for (int i = 0; i < Parameters.Count; i++) Array.Clear(Parameters[i].Grad); // for, not foreach: no boxed enumerator per step
    }

    public void CopyWeightsFrom(CharLstm other)
    {
        if (other.Shape != Shape) throw new LabException($"Cannot copy weights between models of shapes {other.Shape} and {Shape}.");
        for (int i = 0; i < Parameters.Count; i++) other.Parameters[i].Value.CopyTo(Parameters[i].Value, 0);
    }

    public CharLstm Clone()
    {
        var copy = new CharLstm(Shape);
        copy.CopyWeightsFrom(this);
        return copy;
    }
}
