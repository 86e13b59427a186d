namespace CharLstmLab.Text;

/// <summary>Encoded training and validation text. Validation is the tail of the corpus, so it is text the model never trains on.</summary>
public sealed record TextSplit(int[] Train, int[] Validation)
{
    public static TextSplit Create(int[] encoded, double validationFraction)
    {
        if (!(validationFraction >= 0 && validationFraction < 1))
            throw new LabException($"The validation fraction must be in [0, 1), but it is {validationFraction}.");
        int valLength = (int)Math.Round(encoded.Length * validationFraction);
        if (valLength == 1) valLength = 2; // a single character has no next character to predict
        int trainLength = encoded.Length - valLength;
        if (trainLength < 2) throw new LabException("The corpus is too short to keep any text for training after the validation split.");
        return new TextSplit(encoded[..trainLength], encoded[trainLength..]);
    }
}
