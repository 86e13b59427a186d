using CharLstmLab.Text;

namespace CharLstmLab.Baselines;

/// <summary>
/// The models a learner compares the LSTM's validation loss with, all fitted on the training text and scored
/// on the validation text, over the model's vocabulary of V characters: uniform guessing (ln V), a unigram,
/// interpolated Kneser-Ney n-grams, and two compressors.
/// </summary>
public static class BaselineSuite
{
    public const int DefaultMaxOrder = 8;

    /// <summary>
    /// Scores every baseline. The n-grams predict validation[i+1] from validation[..i] exactly as the LSTM's
    /// evaluator does (the validation text read alone, from its first character); the compressors code the
    /// whole validation text after the training text.
    /// </summary>
    public static IReadOnlyList<BaselineScore> Measure(ReadOnlySpan<int> train, ReadOnlySpan<int> validation, Vocabulary vocabulary,
        int maxOrder = DefaultMaxOrder)
    {
        if (validation.Length < 2)
            throw new LabException("The baselines need a validation text of at least two characters; raise the validation fraction.");
        if (maxOrder < 1) throw new LabException($"The largest n-gram order must be 1 or more, but it is {maxOrder}.");
        var scores = new List<BaselineScore> { new("uniform (ln V)", Math.Log(vocabulary.Size)) };
        foreach (var model in KneserNeyModel.FitAll(train, vocabulary.Size, maxOrder))
        {
            double ce = model.MeanCrossEntropy(validation);
            scores.Add(new(model.Order == 1 ? "unigram (KN 1-gram)" : $"KN {model.Order}-gram", ce));
        }
        string trainText = vocabulary.Decode(train), validationText = vocabulary.Decode(validation);
        foreach (var compressor in Enum.GetValues<Compressor>())
        {
            double bits = CompressorBaseline.BitsPerCharacter(trainText, validationText, compressor);
            scores.Add(new($"{compressor.ToString().ToLowerInvariant()} (given the training text)", bits * Math.Log(2)));
        }
        return scores;
    }

    /// <summary>The baselines of a corpus split as the trainer splits it (same vocabulary, same validation tail).</summary>
    public static IReadOnlyList<BaselineScore> Measure(Corpus corpus, double validationFraction, int maxOrder = DefaultMaxOrder)
    {
        var vocabulary = Vocabulary.FromText(corpus.Text);
        var split = TextSplit.Create(vocabulary.Encode(corpus.Text), validationFraction);
        return Measure(split.Train, split.Validation, vocabulary, maxOrder);
    }
}
