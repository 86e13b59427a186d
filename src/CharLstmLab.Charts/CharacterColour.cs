namespace CharLstmLab.Charts;

/// <summary>What the background of each character in <see cref="CharacterViews"/> encodes.</summary>
public enum CharacterColour
{
    /// <summary>The probability the model gave the character: red near 0, white near 1.</summary>
    Probability,
    /// <summary>The character's surprisal (-ln p): white at 0 nats, deep blue at ln V (uniform guessing) and beyond.</summary>
    Surprisal,
}
