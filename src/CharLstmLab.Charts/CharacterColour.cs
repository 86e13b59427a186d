namespace CharLstmLab.Charts;

/// <summary>What the background of each character in <see cref="CharacterViews"/> encodes.</summary>
public enum CharacterColour
{
    /// <summary>The probability the model gave the character: red near 0, white near 1.</summary>
    Probability,
    /// <summary>
    /// The character's surprisal (-ln p): white at 0 nats, blue at 5 nats and beyond
    /// (uniform guessing over 80 characters costs ln 80 = 4.4).
    /// </summary>
    Surprisal,
}
