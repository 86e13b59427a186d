using CharLstmLab.Diagnostics;
using CharLstmLab.Text;
using CharLstmLab.Training;

namespace CharLstmLab.Reproduction;

public static class ReproductionRun
{
    /// <summary>A rise smaller than this share of the loss is noise rather than a rebound worth naming.</summary>
    public const double MinRelativeRise = 0.02;

    /// <summary>Trains with the settings and measures every sampled iteration. The article's rows are matched by iteration.</summary>
    public static ReproductionReport Run(Corpus corpus, TrainingSettings settings, IReadOnlyList<SeedRow>? article = null,
        Action<IterationLog>? progress = null, CancellationToken cancel = default)
    {
        var trainer = new Trainer(corpus, settings);
        if (progress is not null) trainer.IterationCompleted += progress;
        var log = trainer.Run(cancel);
        var index = new CorpusIndex(trainer.Vocabulary.Decode(trainer.Split.Train));
        var rows = log.Where(l => l.Sample is not null).Select(l =>
        {
            string generated = l.Sample![settings.Prompt.Length..];
            var d = SampleDiagnostics.Measure(generated, index);
            return new ReproductionRow(l.Iteration, l.Loss, l.MeanCe, l.ValMeanCe, generated, d, QualityLabel.For(d),
                article?.FirstOrDefault(a => a.Iteration == l.Iteration));
        }).ToList();
        var articleCurve = article is { Count: >= 2 } ? LossCurve.Analyze(article.Select(a => (a.Iteration, a.Loss)).ToList(), slopeWindow: 3) : null;
        return new ReproductionReport(settings, trainer.Vocabulary.Size, log.ToList(), rows, Analyze(log), articleCurve);
    }

    /// <summary>Rebounds of the per-iteration curve: rises above <paramref name="minRelativeRise"/> of the previous loss.</summary>
    public static CurveReport Analyze(IReadOnlyList<IterationLog> log, double minRelativeRise = MinRelativeRise)
    {
        Require.NonNegative(minRelativeRise, "The minimum relative rise");
        var all = LossCurve.Analyze(log.Select(l => l.Loss).ToList());
        var named = all.Rebounds.Where(r => r.Rise > minRelativeRise * r.From).ToList();
        return all with { Rebounds = named, Largest = named.MaxBy(r => r.Rise) };
    }
}
