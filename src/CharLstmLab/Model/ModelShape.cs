namespace CharLstmLab.Model;

/// <summary>Sizes of the network: V characters in, an E-wide embedding, L LSTM layers of H units, V logits out.</summary>
public sealed record ModelShape(int VocabSize, int EmbeddingSize, int HiddenSize, int Layers)
{
    public void Validate()
    {
        if (VocabSize < 2) throw new LabException($"The vocabulary must have at least 2 characters, but it has {VocabSize}.");
        Require.Positive(EmbeddingSize, "The embedding size");
        Require.Positive(HiddenSize, "The hidden size");
        Require.Positive(Layers, "The number of layers");
        Training.MemoryBudget.CheckModel(this); // before any buffer exists: sizes multiply in checked arithmetic there
    }

    public int InputSize(int layer) => layer == 0 ? EmbeddingSize : HiddenSize;
}

/// <summary>One weight matrix or bias: its values and the gradient of the loss with respect to them, in matching flat buffers.</summary>
public sealed class Parameter(string name, int rows, int cols)
{
    public string Name { get; } = name;
    public int Rows { get; } = rows;
    public int Cols { get; } = cols;
    public float[] Value { get; } = new float[checked(rows * cols)];
    public float[] Grad { get; } = new float[checked(rows * cols)];
    public int Length => Value.Length;
    public override string ToString() => $"{Name} [{Rows} x {Cols}]";
}

/// <summary>The recurrent state h and c of every layer, each [batch x H].</summary>
public sealed class LstmState
{
    public LstmState(int layers, int batchSize, int hiddenSize)
    {
        BatchSize = batchSize;
        H = new float[layers][];
        C = new float[layers][];
        for (int l = 0; l < layers; l++) { H[l] = new float[batchSize * hiddenSize]; C[l] = new float[batchSize * hiddenSize]; }
    }

    public int BatchSize { get; }
    public float[][] H { get; }
    public float[][] C { get; }

    public void Reset()
    {
        foreach (var h in H) Array.Clear(h);
        foreach (var c in C) Array.Clear(c);
    }

    public LstmState Clone()
    {
        var copy = new LstmState(H.Length, BatchSize, H[0].Length / BatchSize);
        for (int l = 0; l < H.Length; l++) { H[l].CopyTo(copy.H[l], 0); C[l].CopyTo(copy.C[l], 0); }
        return copy;
    }
}
