namespace CharLstmLab.Reproduction;

/// <summary>Early drift after one prompt from one training seed's model: means over the sampling seeds.</summary>
/// <param name="Entropy">Mean entropy (bits) of the distribution drawn from over the first DriftSteps characters.</param>
/// <param name="EarlyNonsense">Share of the words in the first EarlyCharacters characters that are not in the corpus.</param>
public sealed record WarmUpPoint(int TrainingSeed, string Prompt, double Entropy, double EarlyNonsense);
