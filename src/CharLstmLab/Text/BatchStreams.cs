namespace CharLstmLab.Text;

/// <summary>
/// Cuts a text into B parallel streams read T characters at a time (truncated BPTT).
/// Stream b starts at b*L with L = (N-1)/B; window k covers positions k*T .. k*T+T-1 of every
/// stream and its targets are the next characters. One <em>iteration</em> reads every whole window
/// once, i.e. one full pass over the text, with the hidden state carried from window to window.
/// Layout of a window: time-major, index t*B + b.
/// </summary>
public sealed class BatchStreams
{
    readonly int[] text;

    public BatchStreams(int[] text, int batchSize, int seqLength)
    {
        Require.Positive(batchSize, "The batch size");
        Require.Positive(seqLength, "The sequence length");
        this.text = text;
        BatchSize = batchSize;
        SeqLength = seqLength;
        StreamLength = (text.Length - 1) / batchSize;
        WindowCount = StreamLength / seqLength;
        if (WindowCount == 0)
            throw new LabException(
                $"The text ({text.Length} characters) is too short for {batchSize} streams of {seqLength}-character windows; lower the batch size " +
                    "or the sequence length.");
    }

    public int BatchSize { get; }
    public int SeqLength { get; }
    public int StreamLength { get; }
    public int WindowCount { get; }

    /// <summary>Fills inputs and targets (each B*T long) with window k.</summary>
    public void Fill(int k, Span<int> inputs, Span<int> targets)
    {
        if ((uint)k >= (uint)WindowCount) throw new ArgumentOutOfRangeException(nameof(k));
        for (int t = 0; t < SeqLength; t++)
            for (int b = 0; b < BatchSize; b++)
            {
                int p = b * StreamLength + k * SeqLength + t;
                inputs[t * BatchSize + b] = text[p];
                targets[t * BatchSize + b] = text[p + 1];
            }
    }
}
