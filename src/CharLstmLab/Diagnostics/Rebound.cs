namespace CharLstmLab.Diagnostics;

/// <summary>The loss went up at <paramref name="Iteration"/>: from <paramref name="From"/> at the previous logged point to
/// <paramref name="To"/>.</summary>
public sealed record Rebound(int Iteration, double From, double To)
{
    public double Rise => To - From;
    public double RelativeRise => Rise / From;
}
