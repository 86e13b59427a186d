using System.Globalization;
using CharLstmLab.Diagnostics;
using CharLstmLab.Training;

namespace CharLstmLab.Reproduction;

/// <summary>
/// Claim (b): the loss is still improving at iteration 91. Per seed,
/// <see cref="LossCurve.Analyze(IReadOnlyList{ValueTuple{int, double}}, double, int)"/>
/// on the curve up to 91 (or the last iteration of a shorter run): a falling line over the last
/// <see cref="Window"/> iterations whose mean is below the <see cref="Window"/> before. The effect is
/// that change of the mean training loss, in percent (-19 is 19 % lower); validation over the same iterations is reported beside it.
/// </summary>
public static class StillImprovingClaim
{
    public const string Text = "At iteration 91 the loss is still improving, so training longer would help.";
    public const int Window = 10;

    public static string? WhyNot(TrainingSettings run) =>
        run.Iterations < 4 ? $"Claim (b) compares the last iterations with the ones before, which needs at least 4 iterations, not {run.Iterations}."
            : null;

    public static ClaimEvidence From(IReadOnlyList<SeedRun> runs, ArticleClaimSettings? claim = null, string where = "notebook 2, section 4")
    {
        claim ??= new ArticleClaimSettings();
        if (runs.Count == 0) throw new LabException("Claim (b) needs at least one run.");
        var readings = runs.Select(r => Read(r, claim.ArticleFinalIteration)).ToList();
        int improving = readings.Count(x => x.Improving), valRising = readings.Count(x => x.ValidationChange > 0);
        var change = SeedInterval.Of(readings.Select(x => x.Change).ToList());
        var verdict = improving == runs.Count ? Verdict.Holds : improving == 0 ? Verdict.DoesNotHold : Verdict.DependsOn;
        var at = readings.Select(x => x.Iteration).Distinct().ToList();
        int k = readings[0].K;
        string evidence = string.Create(CultureInfo.InvariantCulture,
            $"Over {runs.Count} training seed(s), read at iteration {string.Join("/", at)}. " +
            $"Mean training loss of the last {k} iterations against the {k} before: {change.Describe("+0.0%;-0.0%")}; still improving in " +
                $"{improving} of {runs.Count} seeds. " +
            $"Validation loss over the same iterations rose in {valRising} of {runs.Count} seeds" +
            $"{(valRising > 0 ? ": the training loss still falls, but what it learns no longer carries to held-out text." : ".")}");
        return new ClaimEvidence("b", Text, verdict, evidence, runs.Count,
            $"change of the mean training loss, last {k} iterations vs the {k} before (%)",
            100 * change.Mean, 100 * change.Low, 100 * change.High, where);
    }

    /// <summary>What one run says at <paramref name="iteration"/> (or its last iteration, if earlier).</summary>
    public static (int Iteration, int K, bool Improving, double Change, double ValidationChange) Read(SeedRun run, int iteration)
    {
        var upTo = run.Log.Where(l => l.Iteration <= iteration).ToList();
        if (upTo.Count < 4) throw new LabException($"Claim (b) needs at least 4 iterations, but seed {run.Seed} has {upTo.Count}.");
        int k = Math.Min(Window, upTo.Count / 2);
        var curve = LossCurve.Analyze(upTo.Select(l => (l.Iteration, l.Loss)).ToList(), slopeWindow: k);
        var last = upTo.TakeLast(k).ToList();
        var before = upTo.Take(upTo.Count - k).TakeLast(k).ToList();
        double change = last.Average(l => l.Loss) / before.Average(l => l.Loss) - 1;
        double valChange = last.All(l => l.ValMeanCe is not null) && before.All(l => l.ValMeanCe is not null)
            ? last.Average(l => l.ValMeanCe!.Value) - before.Average(l => l.ValMeanCe!.Value)
            : double.NaN;
        return (upTo[^1].Iteration, k, curve.StillImproving, change, valChange);
    }
}
