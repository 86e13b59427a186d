using System.Globalization;
using CharLstmLab.Training;

namespace CharLstmLab.Reproduction;

/// <summary>
/// Claim (a): the loss falls from 60.49 to 0.23 in 91 iterations, with a rebound at 51. Three parts,
/// each read by iteration number: the first window near 60.49 (within <see cref="StartTolerance"/>),
/// the loss at 91 of the same order as 0.23 (at most <see cref="EndFactor"/> times it), and a rise at
/// 51, either above <see cref="ReproductionRun.MinRelativeRise"/> over iteration 50 or above
/// iteration 41 (what a table of every tenth iteration shows).
/// </summary>
public static class LossDropClaim
{
    public const string Text = "The window loss falls from 60.49 to 0.23 in 91 iterations, with a rebound at iteration 51 (0.95 -> 1.10).";
    public const double StartTolerance = 0.10, EndFactor = 2.0;

    /// <summary>One sentence saying why runs of these settings cannot test the claim, or null when they can.</summary>
    public static string? WhyNot(TrainingSettings run, ArticleClaimSettings? claim = null)
    {
        claim ??= new ArticleClaimSettings();
        return run.Iterations < claim.ArticleFinalIteration
            ? $"Claim (a) reads the loss at iteration {claim.ArticleFinalIteration}, and these runs stop at {run.Iterations}, so it is not " +
                "measured here."
            : null;
    }

    public static ClaimEvidence From(IReadOnlyList<SeedRun> runs, ArticleClaimSettings? claim = null, string where = "notebook 2, section 4")
    {
        claim ??= new ArticleClaimSettings();
        if (runs.Count == 0) throw new LabException("Claim (a) needs at least one run.");
        int end = claim.ArticleFinalIteration, bounce = claim.ArticleReboundIteration, logged = bounce - claim.ArticleLogEvery;
        foreach (var r in runs)
            if (r.At(end) is null || r.At(bounce - 1) is null || r.At(logged) is null)
                throw new LabException($"Claim (a) reads the loss at iterations {logged}, {bounce} and {end}, but seed {r.Seed} stopped at " +
                    $"{r.Log[^1].Iteration}.");

        var first = SeedInterval.Of(runs.Select(r => r.Log[0].FirstWindowLoss).ToList());
        var final = SeedInterval.Of(runs.Select(r => r.At(end)!.Loss).ToList());
        var ratio = SeedInterval.Of(runs.Select(r => r.At(end)!.Loss / claim.ArticleFinalLoss).ToList());
        bool RisesAt51(SeedRun r) =>
            r.At(bounce)!.Loss > r.At(bounce - 1)!.Loss * (1 + ReproductionRun.MinRelativeRise) || r.At(bounce)!.Loss > r.At(logged)!.Loss;
        int rising = runs.Count(RisesAt51);
        bool start = Math.Abs(first.Mean - claim.ArticleFirstLoss) <= StartTolerance * claim.ArticleFirstLoss;
        bool finish = final.Mean <= EndFactor * claim.ArticleFinalLoss;

        var verdict = !(start && finish) || rising == 0 ? Verdict.DoesNotHold : rising == runs.Count ? Verdict.Holds : Verdict.DependsOn;
        string rebounds = string.Join("; ", runs.Select(r =>
        {
            var named = ReproductionRun.Analyze(r.Log).Rebounds;
            return $"seed {r.Seed}: {(named.Count == 0 ? "none" : string.Join(", ", named.Select(b => b.Iteration)))}";
        }));
        string evidence = string.Create(CultureInfo.InvariantCulture,
            $"Over {runs.Count} training seed(s) of the same configuration. First window {first.Describe()} " +
            $"(the article: {claim.ArticleFirstLoss}; {(start ? "matches" : "does not match")}). Window loss at iteration {end} {final.Describe()} " +
            $"(the article: {claim.ArticleFinalLoss}; {(finish ? "same order" : $"{ratio.Mean:F0} times higher")}). " +
            $"A rise at {bounce} (over {bounce - 1} by more than {ReproductionRun.MinRelativeRise:P0}, or over {logged}) in {rising} of " +
                $"{runs.Count} seeds. " +
            $"Rebounds above {ReproductionRun.MinRelativeRise:P0}: {rebounds}.");
        return new ClaimEvidence("a", Text, verdict, evidence, runs.Count, $"window loss at {end} / the article's {claim.ArticleFinalLoss}",
            ratio.Mean, ratio.Low, ratio.High, where);
    }
}
