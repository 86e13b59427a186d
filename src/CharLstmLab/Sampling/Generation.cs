namespace CharLstmLab.Sampling;

public sealed record Generation(string Prompt, string Text, IReadOnlyList<GenerationStep> Steps)
{
    public override string ToString() => Prompt + Text;
}
