namespace CharLstmLab.Inspection;

/// <summary>
/// Where an invented word left the corpus's vocabulary: <paramref name="Position"/> (an offset in the read text) is the first
/// character at which the word's prefix so far begins no word of the corpus. When every prefix of the word begins a
/// corpus word ("Compla" of "Complete"), the word left by ending: <paramref name="EndedEarly"/> is true and the position
/// is the character that ended it. <paramref name="Score"/> is what the model said there (its first choice in
/// <see cref="CharacterScore.Preferred"/>).
/// </summary>
public sealed record Departure(string Word, int WordStart, int Position, bool EndedEarly, CharacterScore Score);
