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
        ModelMemory.CheckModel(this); // before any buffer exists: sizes multiply in checked arithmetic there
    }

    public int InputSize(int layer) => layer == 0 ? EmbeddingSize : HiddenSize;
}
