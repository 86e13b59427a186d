namespace CharLstmLab.Reproduction;

/// <summary>
/// What one forced character did to a text: <paramref name="Forced"/> replaced the character the
/// unforced text has at <paramref name="Position"/>. <paramref name="EditShare"/> is the edit
/// distance between the next N characters of both texts over N (0 = no trace, about 1 = unrelated);
/// <paramref name="Resync"/> is how many characters after the forcing the two agree again for a
/// stretch (null: not within N). <paramref name="Unforced"/> and <paramref name="Changed"/> are the N characters
/// after the forcing in both texts.
/// </summary>
public sealed record SnowballTrial(string Strategy, int TrainingSeed, int SamplingSeed, int Position, char Original, char Forced,
    double EditShare, int? Resync, string Unforced, string Changed);
