namespace CharLstmLab.Model;

/// <summary>
/// Inverted dropout for one window (char-rnn's): between LSTM layers and before the decoder, each
/// unit of each row is zeroed with probability p and the others are scaled by 1 / (1 - p), so a
/// layer's expected input is the same with dropout on in training and off at evaluation and sampling.
/// Mask k (0 .. layers - 1) multiplies the output h of layer k where the next layer (or, for the top
/// layer, the decoder) reads it; each is [T*B x H], in the window's row order.
/// <para>
/// The masks come from their own stream, a counter-based hash of a seed and the element's index,
/// so they use no <see cref="Random"/>, allocate nothing after construction, and turning dropout on
/// changes no other random draw of a run.
/// </para>
/// </summary>
public sealed class DropoutMasks
{
    public DropoutMasks(double probability, int layers, int rows, int hidden)
    {
        if (!(probability >= 0 && probability < 1)) throw new LabException($"The dropout probability must be in [0, 1), but it is {probability}.");
        Probability = probability;
        Masks = Enumerable.Range(0, layers).Select(_ => new float[checked(rows * hidden)]).ToArray();
        foreach (var mask in Masks) Array.Fill(mask, 1f);
    }

    public double Probability { get; }

    /// <summary>Mask k for the output of layer k: 0 (dropped) or 1 / (1 - p) (kept).</summary>
    public float[][] Masks { get; }

    /// <summary>Draws every mask from <paramref name="seed"/>: the same seed gives the same masks.</summary>
    public void Draw(ulong seed)
    {
        float keep = (float)(1 / (1 - Probability));
        ulong index = 0;
        foreach (var mask in Masks)
            for (int i = 0; i < mask.Length; i++, index++)
                mask[i] = Uniform(seed, index) < Probability ? 0f : keep;
    }

    /// <summary>The stream for one window of a run: a fixed mix of the run's seed, the iteration and the window.</summary>
    public static ulong WindowSeed(int seed, int iteration, int window) =>
        Mix(Mix(Mix(0xD1B54A32D192ED03UL ^ (uint)seed) ^ (uint)iteration) ^ (uint)window);

    // splitmix64's finalizer over seed + index: a uniform double in [0, 1) per element.
    static double Uniform(ulong seed, ulong index) => (Mix(seed + (index + 1) * 0x9E3779B97F4A7C15UL) >> 11) * (1.0 / (1UL << 53));

    static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
