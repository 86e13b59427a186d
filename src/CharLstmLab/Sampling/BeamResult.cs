namespace CharLstmLab.Sampling;

/// <summary>The best beam: the generated text (prompt excluded), its summed ln probability under the model, and the width searched.</summary>
public sealed record BeamResult(string Prompt, string Text, double LogProbability, int Width)
{
    public override string ToString() => Prompt + Text;
}
