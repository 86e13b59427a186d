namespace CharLstmLab.Model;

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
