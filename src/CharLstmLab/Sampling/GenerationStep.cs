namespace CharLstmLab.Sampling;

/// <summary>The distribution the sampler drew from at one generated position, and what it picked.</summary>
public sealed record GenerationStep(int Position, char Chosen, float[] Probabilities);
