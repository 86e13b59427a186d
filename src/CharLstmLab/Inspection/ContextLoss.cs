namespace CharLstmLab.Inspection;

/// <summary>
/// The model's mean loss (nats per character) on the characters of one context, and how many there were.
/// <paramref name="Ranked"/> is false when there are too few characters for the mean to say much (see <see cref="LossByContext"/>).
/// </summary>
public sealed record ContextLoss(string Name, int Characters, double MeanLoss, bool Ranked)
{
    public double BitsPerCharacter => MeanLoss / Math.Log(2);
}
