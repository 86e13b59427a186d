namespace CharLstmLab.Inspection;

/// <summary>
/// A text read by the model one character at a time (<see cref="CharacterReader"/>). <paramref name="Context"/> was fed
/// but not scored: the prompt, or the text's first character when there is no prompt (nothing predicts it).
/// <paramref name="Scores"/> holds one entry per character of <paramref name="Text"/>. <paramref name="Departures"/>
/// marks the invented words (not in the corpus, not in the dictionary) and where each left the corpus's words;
/// it is empty when no corpus was given.
/// </summary>
public sealed record CharacterReading(string Context, string Text, IReadOnlyList<CharacterScore> Scores, IReadOnlyList<Departure> Departures)
{
    /// <summary>Mean surprisal over the scored characters (nats per character): the text's cross-entropy under the model.</summary>
    public double MeanSurprisal => Scores.Count == 0 ? double.NaN : Scores.Average(s => s.Surprisal);
}
