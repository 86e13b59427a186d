namespace CharLstmLab.Inspection;

/// <summary>
/// What the model said about one character of a text before reading it: the probability it gave that character,
/// its surprisal (-ln p, nats; the character's share of the cross-entropy) and the most likely characters
/// (<see cref="Top"/>, most likely first, with their probabilities). <paramref name="Position"/> is the
/// character's offset in <see cref="CharacterReading.Text"/>.
/// </summary>
public sealed record CharacterScore(int Position, char Character, float Probability, double Surprisal,
    IReadOnlyList<(char Character, float Probability)> Top)
{
    /// <summary>The model's first choice at this position.</summary>
    public (char Character, float Probability) Preferred => Top[0];
}
