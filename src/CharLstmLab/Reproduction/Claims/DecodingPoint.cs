namespace CharLstmLab.Reproduction;

/// <summary>Greedy against temperature sampling, from one training seed's model at one iteration.</summary>
public sealed record DecodingPoint(int TrainingSeed, int Iteration, double ValidationCe, DecodingFaults Greedy, DecodingFaults Sampled)
{
    /// <summary>Greedy's faulty share minus the sampled one: above zero, sampling is better (the article's claim).</summary>
    public double Advantage => Greedy.Faulty - Sampled.Faulty;
}
