using CharLstmLab.Diagnostics;
using CharLstmLab.Model;
using CharLstmLab.Sampling;
using CharLstmLab.Text;

namespace CharLstmLab.Reproduction;

/// <summary>
/// Claim (e): "a longer warm-up prompt reduces early drift". Drift shows as a spread-out
/// distribution in the first generated steps (high entropy) and as nonsense words at the start; the
/// effect is cold minus warm, so above zero means the warm-up helped.
/// </summary>
public static class ClaimEWarmUp
{
    public const string Claim = "A longer warm-up prompt reduces the drift of the first generated characters.";

    public static IReadOnlyList<WarmUpPoint> Measure(IReadOnlyList<(int TrainingSeed, CharLstm Model)> models, Vocabulary vocabulary,
        CorpusIndex index, WarmUpSettings settings)
    {
        settings.Validate();
        int length = Math.Max(settings.DriftSteps, settings.EarlyCharacters);
        var points = new List<WarmUpPoint>();
        foreach (var (seed, model) in models)
        {
            var generator = new TextGenerator(model, vocabulary);
            foreach (var prompt in settings.WarmUps.Prepend(settings.Cold))
            {
                var runs = settings.SamplingSeeds
                    .Select(s => generator.Generate(prompt.Text, length, settings.Sampler.Create(), new Random(s), recordSteps: true)).ToList();
                double entropy = runs.Average(g => g.Steps.Take(settings.DriftSteps).Average(step => Entropy(step.Probabilities)));
                double nonsense = runs.Average(g => NonsenseWords.Measure(g.Text[..settings.EarlyCharacters], index).Rate);
                points.Add(new(seed, prompt.Name, entropy, nonsense));
            }
        }
        return points;
    }

    /// <summary>Entropy in bits; zero probabilities (cut by top-k or top-p) add nothing.</summary>
    public static double Entropy(ReadOnlySpan<float> p)
    {
        double h = 0;
        foreach (float q in p) if (q > 0) h -= q * Math.Log2(q);
        return h;
    }

    public static IReadOnlyList<WarmUpEffect> Effects(IReadOnlyList<WarmUpPoint> points, WarmUpSettings settings)
    {
        var seeds = points.Select(p => p.TrainingSeed).Distinct().ToList();
        WarmUpPoint At(int seed, string prompt) => points.Single(p => p.TrainingSeed == seed && p.Prompt == prompt);
        return settings.WarmUps.Select(w => new WarmUpEffect(w.Name,
            SeedInterval.Of(seeds.Select(s => At(s, settings.Cold.Name).Entropy - At(s, w.Name).Entropy).ToList()),
            SeedInterval.Of(seeds.Select(s => At(s, settings.Cold.Name).EarlyNonsense - At(s, w.Name).EarlyNonsense).ToList()))).ToList();
    }

    /// <summary>
    /// Holds when every warm-up lowers the early entropy (interval above zero), does not hold when
    /// every warm-up raises it, not established when no warm-up's interval excludes zero, and depends on
    /// the warm-up otherwise (<see cref="SeedIntervalSigns.Judge"/>). The effect reported is the
    /// smallest of the warm-ups' entropy effects: the claim is about warm-ups in general.
    /// </summary>
    public static ClaimEvidence Evidence(IReadOnlyList<WarmUpPoint> points, WarmUpSettings settings, string where)
    {
        var effects = Effects(points, settings);
        var verdict = effects.Select(e => e.Entropy).ToList().Judge();
        var weakest = effects.MinBy(e => e.Entropy.Mean)!;
        int seeds = points.Select(p => p.TrainingSeed).Distinct().Count();
        string evidence = $"Over {seeds} training seed(s), {settings.SamplingSeeds.Count} sampling seed(s) each " +
            $"({settings.Sampler.Create().Name}): " +
                          $"the cold {settings.Cold.Text.Length}-character prompt minus the warm-up, mean [95 % t-interval]: " +
                          string.Join("; ", effects.Select(e =>
                              $"{e.WarmUp}: entropy of the first {settings.DriftSteps} steps {e.Entropy.Signed()} bits, " +
                              $"nonsense in the first {settings.EarlyCharacters} characters {e.EarlyNonsense.Signed("+0%;-0%;0%")}")) +
                          (effects.Any(e => e.Entropy.AboveZero() || e.Entropy.BelowZero())
                              ? "." : "; no warm-up's entropy interval excludes zero, so with these seeds the effect is not established.");
        return new("e", Claim, verdict, evidence, seeds,
            $"cold minus warm-up entropy of the first {settings.DriftSteps} steps (bits), weakest warm-up",
            weakest.Entropy.Mean, weakest.Entropy.Low, weakest.Entropy.High, where);
    }
}
