namespace CharLstmLab.Sampling;

/// <summary>Keeps the k most likely characters, renormalizes, then draws.</summary>
public sealed class TopKSampler : TruncatedSampler
{
    public TopKSampler(int k, double temperature = 1.0) : base(temperature)
    {
        if (k <= 0) throw new LabException($"k for top-k sampling must be 1 or more, but it is {k}.");
        K = k;
    }

    public int K { get; }
    public override string Name => $"top-k {K} (T={Temperature:0.###})";
    protected override bool KeepsAll(int count) => K >= count;
    protected override int Keep(ReadOnlySpan<float> probs, ReadOnlySpan<int> sorted) => K;
}
