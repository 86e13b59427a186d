using System.Globalization;
using CharLstmLab.Text;
using CharLstmLab.Training;

namespace CharLstmLab.Baselines;

/// <summary>
/// The baselines a loss chart draws (a unigram, the Kneser-Ney 5-gram, Brotli given the training text) and the sentence that
/// reads a run against them: does the LSTM's best validation loss beat the 5-gram, and by how much?
/// </summary>
public static class BaselineComparison
{
    public const string Unigram = "unigram (KN 1-gram)", FiveGram = "KN 5-gram", Brotli = "brotli (given the training text)";

    /// <summary>The three chart baselines on a split's validation text; empty when the split holds out fewer than two characters.</summary>
    public static IReadOnlyList<BaselineScore> ForCharts(TextSplit split, Vocabulary vocabulary)
    {
        if (split.Validation.Length < 2) return [];
        // The three alone, not the whole suite: on the large corpus the other compressor and orders would cost seconds a notebook lacks.
        var models = KneserNeyModel.FitAll(split.Train, vocabulary.Size, 5);
        double brotli = CompressorBaseline.BitsPerCharacter(vocabulary.Decode(split.Train), vocabulary.Decode(split.Validation), Compressor.Brotli);
        return [new(Unigram, models[0].MeanCrossEntropy(split.Validation)), new(FiveGram, models[4].MeanCrossEntropy(split.Validation)),
            new(Brotli, brotli * Math.Log(2))];
    }

    /// <summary>The chart baselines of a trainer's own split (the text its validation loss is measured on).</summary>
    public static IReadOnlyList<BaselineScore> ForCharts(Trainer trainer) => ForCharts(trainer.Split, trainer.Vocabulary);

    /// <summary>One sentence from the log and the baselines: the best validation loss against <paramref name="reference"/>.</summary>
    public static string Sentence(IReadOnlyList<IterationLog> log, IReadOnlyList<BaselineScore> baselines, string reference = FiveGram)
    {
        var validated = log.Where(l => l.ValMeanCe is not null).ToList();
        var baseline = baselines.FirstOrDefault(b => b.Name == reference);
        if (validated.Count == 0 || baseline is null)
            return "This run holds no text out (or no iteration finished), so there is no validation loss to set beside the baselines.";
        var best = validated.MinBy(l => l.ValMeanCe!.Value)!;
        double lstm = best.ValMeanCe!.Value, gap = lstm - baseline.MeanCrossEntropy;
        string F(double x) => x.ToString("F3", CultureInfo.InvariantCulture);
        string verdict = gap < 0
            ? $"beats the {reference} ({F(baseline.MeanCrossEntropy)}) by {F(-gap)} nats per character"
            : $"does NOT beat the {reference} ({F(baseline.MeanCrossEntropy)}): it is {F(gap)} nats per character worse " +
              $"({(gap / baseline.MeanCrossEntropy).ToString("P0", CultureInfo.InvariantCulture)})";
        return $"In this run the LSTM's best validation loss, {F(lstm)} nats per character at iteration {best.Iteration}, {verdict}, " +
               $"on the same held-out text.";
    }
}
