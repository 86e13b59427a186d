namespace CharLstmLab.Training;

/// <summary>
/// One loss in the units a learner meets. The window loss is cross-entropy summed over the T
/// characters of a window (the min-char-rnn convention), so a fresh model starts near T * ln V.
/// </summary>
public readonly record struct LossUnits(double WindowLoss, int SeqLength)
{
    /// <summary>Nats per character.</summary>
    public double MeanCrossEntropy => WindowLoss / SeqLength;
    public double Perplexity => Math.Exp(MeanCrossEntropy);
    public double BitsPerCharacter => MeanCrossEntropy / Math.Log(2);

    public static LossUnits FromMeanCrossEntropy(double meanCe, int seqLength) => new(meanCe * seqLength, seqLength);

    /// <summary>The window loss of a model that guesses uniformly among V characters.</summary>
    public static double UniformWindowLoss(int vocabSize, int seqLength) => seqLength * Math.Log(vocabSize);
}
