namespace CharLstmLab.Baselines;

/// <summary>One reference model's loss on the validation text, in nats per character (as <c>Evaluator.MeanCrossEntropy</c>).</summary>
public sealed record BaselineScore(string Name, double MeanCrossEntropy)
{
    public double BitsPerCharacter => MeanCrossEntropy / Math.Log(2);
    public double Perplexity => Math.Exp(MeanCrossEntropy);
}
