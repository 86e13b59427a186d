using System.Globalization;
using CharLstmLab.Text;

namespace CharLstmLab.Reproduction;

/// <summary>
/// Claim (f): clipping gradients at 5 and lowering alpha to 0.005 stabilize training. Each fix is
/// compared with the unfixed run seed by seed: the rebounds per run (rises above
/// <see cref="ReproductionRun.MinRelativeRise"/>) and the final loss. A fix holds when it removes
/// rebounds (the paired difference's interval lies below 0) without ending more than
/// <see cref="StabilitySettings.MaxLossCost"/> times higher; it does not hold when it leaves the
/// rebounds as they were (mean difference 0 or more); otherwise the answer depends on what one calls stable.
/// </summary>
public static class StabilityClaim
{
    public const string ClipText = "Clipping every gradient element at 5 (np.clip) stabilizes training.";
    public const string RateText = "Lowering the learning rate to alpha = 0.005 stabilizes training.";
    public const string NormText = "Clipping the global gradient norm at 5 (not the article's fix; shown beside it) stabilizes training.";

    public static string? WhyNot(StabilitySettings settings) =>
        settings.Run.Iterations < 3 ? $"Claim (f) counts rebounds, which needs at least 3 iterations, not {settings.Run.Iterations}." : null;

    /// <summary>Trains every variant under every seed, the unfixed run first.</summary>
    public static IReadOnlyList<SeedRun> Train(Corpus corpus, StabilitySettings settings, Action<SeedRun>? completed = null) =>
        settings.Variants().SelectMany(v => SeedRuns.Train(corpus, v.Name, v.Settings, settings.Seeds, settings.ClipValue, settings.ClipNorm, completed)).ToList();

    /// <summary>One row per fix, by kind: element clip ("f"), lower alpha ("f"), norm clip ("f, norm").</summary>
    public static IReadOnlyList<ClaimEvidence> From(IReadOnlyList<SeedRun> runs, StabilitySettings settings, string where = "notebook 3, section 3")
    {
        var variants = settings.Variants();
        var baseline = Runs(runs, variants.Single(v => v.Kind == StabilityVariant.Baseline));
        return
        [
            Judge("f", ClipText, variants.Single(v => v.Kind == StabilityVariant.ElementClip), baseline, runs, settings, where),
            Judge("f", RateText, variants.Single(v => v.Kind == StabilityVariant.LowerRate), baseline, runs, settings, where),
            Judge("f, norm", NormText, variants.Single(v => v.Kind == StabilityVariant.NormClip), baseline, runs, settings, where),
        ];
    }

    /// <summary>The runs of one variant, in seed order, failing with one sentence when one is missing.</summary>
    public static IReadOnlyList<SeedRun> Runs(IReadOnlyList<SeedRun> runs, StabilityVariant variant)
    {
        var mine = runs.Where(r => r.Variant == variant.Name).OrderBy(r => r.Seed).ToList();
        if (mine.Count == 0) throw new LabException($"Claim (f) has no run of '{variant.Name}'.");
        return mine;
    }

    static ClaimEvidence Judge(string id, string text, StabilityVariant fix, IReadOnlyList<SeedRun> baseline, IReadOnlyList<SeedRun> runs,
        StabilitySettings settings, string where)
    {
        var fixedRuns = Runs(runs, fix);
        var pairs = fixedRuns.Join(baseline, f => f.Seed, b => b.Seed, (f, b) => (Fix: f, Base: b)).ToList();
        if (pairs.Count == 0) throw new LabException($"Claim (f) needs '{fix.Name}' and the unfixed run under the same seeds.");
        int Rebounds(SeedRun r) => ReproductionRun.Analyze(r.Log).Rebounds.Count;
        var diff = SeedInterval.Of(pairs.Select(p => (double)(Rebounds(p.Fix) - Rebounds(p.Base))).ToList());
        var cost = SeedInterval.Of(pairs.Select(p => p.Fix.Log[^1].Loss / p.Base.Log[^1].Loss).ToList());
        bool fewer = diff.HasInterval ? diff.High < 0 : diff.Mean < 0;
        bool cheap = cost.Mean <= settings.MaxLossCost;
        var verdict = fewer && cheap ? Verdict.Holds : diff.Mean >= 0 ? Verdict.DoesNotHold : Verdict.DependsOn;

        string fires = fix.Kind switch
        {
            StabilityVariant.ElementClip => string.Create(CultureInfo.InvariantCulture, 
                $" The clip fired in {pairs.Sum(p => p.Fix.Clips.ElementAbove)} of {pairs.Sum(p => p.Fix.Clips.Steps)} steps (iterations {Iterations(pairs.Select(p => p.Fix))})."),
            StabilityVariant.NormClip => string.Create(CultureInfo.InvariantCulture, 
                $" The clip fired in {pairs.Sum(p => p.Fix.Clips.NormAbove)} of {pairs.Sum(p => p.Fix.Clips.Steps)} steps ({pairs.Average(p => p.Fix.Clips.NormShare):P0})."),
            _ => "",
        };
        string evidence = string.Create(CultureInfo.InvariantCulture, 
            $"{pairs.Count} training seed(s), each run with and without the fix ({fix.Settings.Iterations} iterations, H = {fix.Settings.HiddenSize}). " +
            $"Rebounds per run: {pairs.Average(p => Rebounds(p.Base)):F1} without, {pairs.Average(p => Rebounds(p.Fix)):F1} with; " +
            $"difference {diff.Describe("+0.0;-0.0;0")}. Final loss with the fix / without: {cost.Describe("F2")}.{fires}" +
            $"{(fewer && !cheap ? " Fewer rebounds, bought with a loss that ends far higher: it is calmer because it learns less." : "")}");
        return new ClaimEvidence(id, text, verdict, evidence, pairs.Count, "rebounds per run: with the fix minus without (paired by seed)",
            diff.Mean, diff.Low, diff.High, where);
    }

    static string Iterations(IEnumerable<SeedRun> runs)
    {
        var all = runs.SelectMany(r => r.Clips.ElementIterations).Distinct().Order().ToList();
        return all.Count == 0 ? "none" : string.Join(", ", all.Take(8)) + (all.Count > 8 ? ", ..." : "");
    }
}
