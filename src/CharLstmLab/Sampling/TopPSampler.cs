namespace CharLstmLab.Sampling;

/// <summary>Nucleus sampling: keeps the smallest set of most likely characters whose probability reaches p, renormalizes, then draws.</summary>
public sealed class TopPSampler : TruncatedSampler
{
    public TopPSampler(double p, double temperature = 1.0) : base(temperature)
    {
        if (!(p > 0 && p <= 1)) throw new LabException($"p for top-p sampling must be in (0, 1], but it is {p}.");
        P = p;
    }

    public double P { get; }
    public override string Name => $"top-p {P:0.###} (T={Temperature:0.###})";

    protected override int Keep(ReadOnlySpan<float> probs, ReadOnlySpan<int> sorted)
    {
        double cumulative = 0;
        int keep = 0;
        while (keep < sorted.Length && cumulative < P) cumulative += probs[sorted[keep++]];
        return keep;
    }
}
