using CharLstmLab.Model;

namespace CharLstmLab.Inspection;

/// <summary>
/// Every layer's c_t, h_t and gate activations for every character of a text, read once from the
/// zero state by a <see cref="CellProbe"/>. Step t is the state after reading character t.
/// <para>
/// Memory: 6 x H floats per layer per character (c, h and four gates), allocated up front and
/// refused above <see cref="DefaultMaxFloats"/> (256 MB) unless a caller raises the cap; for longer
/// texts use a <see cref="CellProbe"/> directly and keep only what you need.
/// </para>
/// </summary>
public sealed class CellRecording
{
    /// <summary>64 M floats (256 MB): about 85,000 characters of a one-layer, 128-cell model.</summary>
    public const long DefaultMaxFloats = 1L << 26;

    readonly float[][] cells, hidden, gates;

    CellRecording(int length, int layers, int hiddenSize)
    {
        Length = length;
        Layers = layers;
        HiddenSize = hiddenSize;
        cells = Enumerable.Range(0, layers).Select(_ => new float[length * hiddenSize]).ToArray();
        hidden = Enumerable.Range(0, layers).Select(_ => new float[length * hiddenSize]).ToArray();
        gates = Enumerable.Range(0, layers).Select(_ => new float[length * 4 * hiddenSize]).ToArray();
    }

    public int Length { get; }
    public int Layers { get; }
    public int HiddenSize { get; }
    public int CellCount => Layers * HiddenSize;

    public static long FloatsNeeded(ModelShape shape, int length) => 6L * shape.HiddenSize * shape.Layers * length;

    public static CellRecording Record(CharLstm model, ReadOnlySpan<int> text, long maxFloats = DefaultMaxFloats)
    {
        var shape = model.Shape;
        if (text.Length == 0) throw new LabException("There is no text to record the cells on.");
        long need = FloatsNeeded(shape, text.Length);
        if (need > maxFloats)
            throw new LabException(
                $"Recording {text.Length:N0} characters of this model needs {need:N0} floats, more than the cap of {maxFloats:N0}; record a " +
                    "shorter text.");
        int H = shape.HiddenSize;
        var recording = new CellRecording(text.Length, shape.Layers, H);
        var probe = new CellProbe(model);
        var logits = new float[shape.VocabSize];
        for (int t = 0; t < text.Length; t++)
        {
            probe.Step(text[t], logits);
            for (int l = 0; l < shape.Layers; l++)
            {
                probe.CellState(l).CopyTo(recording.cells[l].AsSpan(t * H, H));
                probe.Hidden(l).CopyTo(recording.hidden[l].AsSpan(t * H, H));
                probe.Gates(l).CopyTo(recording.gates[l].AsSpan(t * 4 * H, 4 * H));
            }
        }
        return recording;
    }

    /// <summary>c of every cell of the layer at step t.</summary>
    public ReadOnlySpan<float> CellState(int layer, int t) => cells[layer].AsSpan(t * HiddenSize, HiddenSize);
    /// <summary>h of every cell of the layer at step t.</summary>
    public ReadOnlySpan<float> Hidden(int layer, int t) => hidden[layer].AsSpan(t * HiddenSize, HiddenSize);
    /// <summary>The gate activations [i | f | g | o] of the layer at step t.</summary>
    public ReadOnlySpan<float> Gates(int layer, int t) => gates[layer].AsSpan(t * 4 * HiddenSize, 4 * HiddenSize);

    /// <summary>One cell's c over the whole text.</summary>
    public float[] CellSeries(int layer, int unit)
    {
        var series = new float[Length];
        for (int t = 0; t < Length; t++) series[t] = cells[layer][t * HiddenSize + unit];
        return series;
    }
}
