namespace CharLstmLab.Inspection;

/// <summary>
/// How often one gate of one layer is saturated: the share of (character, cell) pairs where its
/// activation is below 0.1 (closed, "left-saturated" in Karpathy, Johnson and Fei-Fei 2015) or above
/// 0.9 (open). A gate that is mostly one or the other acts as a switch; in between it is a dimmer.
/// </summary>
public sealed record GateSaturation(int Layer, string Gate, double Below, double Above)
{
    public double Between => 1 - Below - Above;

    /// <summary>The three sigmoid gates (input, forget, output) of every layer; the tanh candidate g is not a gate.</summary>
    public static IReadOnlyList<GateSaturation> Measure(CellRecording recording, double low = 0.1, double high = 0.9)
    {
        int H = recording.HiddenSize;
        var result = new List<GateSaturation>();
        for (int l = 0; l < recording.Layers; l++)
            foreach (var (name, offset) in new[] { ("input", 0), ("forget", H), ("output", 3 * H) })
            {
                long below = 0, above = 0;
                for (int t = 0; t < recording.Length; t++)
                {
                    var g = recording.Gates(l, t).Slice(offset, H);
                    foreach (float v in g) { if (v < low) below++; else if (v > high) above++; }
                }
                double n = (double)recording.Length * H;
                result.Add(new GateSaturation(l, name, below / n, above / n));
            }
        return result;
    }
}
