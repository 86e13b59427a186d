namespace CharLstmLab.Reproduction;

/// <summary>A named prompt: the cold start or a warm-up.</summary>
public sealed record NamedPrompt(string Name, string Text);
