using System.Globalization;
using CharLstmLab.Text;

namespace CharLstmLab.Reproduction;

/// <summary>
/// Claim (f): clipping gradients at 5 and lowering alpha to 0.005 stabilize training. Each fix is
/// compared with the unfixed run seed by seed: the rebounds per run (rises above
/// <see cref="StabilitySettings.MinRelativeRise"/>) and the final loss. A fix holds when it removes
/// rebounds (the paired difference's interval lies below 0; with one seed, the difference is below 0)
/// without ending more than <see cref="StabilitySettings.MaxLossCost"/> times higher; it depends on
/// what one calls stable when it removes them only by learning far less; otherwise it does not hold.
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
        Train(corpus, settings, [], completed);

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

    /// <summary>
    /// Trains what <paramref name="existing"/> lacks (by variant name and seed) and returns every run
    /// of the comparison, the given ones included, variant by variant in seed order: a notebook's main
    /// run need not be trained twice. A clipped variant whose clip never fired in the unfixed run of the
    /// same seed is not trained either: a clip that changes no gradient at any step leaves every step,
    /// and so the whole run, bit for bit as it was. That run is returned under the variant's name, with
    /// <see cref="SeedRun.SameAs"/> set. Runs train side by side on one kernel thread each
    /// (<see cref="SideBySide"/>), at most <paramref name="runsAtOnce"/> at a time (0: one per core);
    /// <paramref name="completed"/> is called from their threads as each one finishes.
    /// </summary>
    public static IReadOnlyList<SeedRun> Train(Corpus corpus, StabilitySettings settings, IReadOnlyList<SeedRun> existing,
        Action<SeedRun>? completed = null, int runsAtOnce = 0)
    {
        var baseline = settings.Variants().Single(v => v.Kind == StabilityVariant.Baseline);
        var jobs = new List<Action>();
        var unfixed = settings.Seeds.ToDictionary(seed => seed, seed =>
        {
            var slot = SideBySide.Slot<SeedRun>();
            var given = existing.FirstOrDefault(r => r.Variant == baseline.Name && r.Seed == seed && r.Clips is not null);
            if (given is not null) slot.SetResult(given);
            else jobs.Add(SideBySide.Job(slot, () => Completed(TrainOne(corpus, baseline, seed, settings), completed)));
            return slot;
        });
        var fixes = AddFixJobs(jobs, corpus, settings, seed => SideBySide.Wait(unfixed[seed]), existing, completed);
        SideBySide.Run(jobs, runsAtOnce);
        return [.. settings.Seeds.Select(seed => SideBySide.Wait(unfixed[seed])), .. fixes()];
    }

    /// <summary>
    /// Adds to <paramref name="jobs"/> one job per fix and seed (the fixes that need no unfixed run
    /// first, then the clips, which wait for it) and returns what collects their runs once the jobs
    /// have run. <paramref name="unfixedRun"/> gives the unfixed run of a seed; it may wait for a job
    /// queued earlier. <see cref="ClaimsTable"/> queues the fixes behind its own article runs this way.
    /// </summary>
    public static Func<IReadOnlyList<SeedRun>> AddFixJobs(List<Action> jobs, Corpus corpus, StabilitySettings settings,
        Func<int, SeedRun> unfixedRun, IReadOnlyList<SeedRun>? existing = null, Action<SeedRun>? completed = null)
    {
        var fixes = settings.Variants().Where(v => v.Kind != StabilityVariant.Baseline).ToList();
        string baseline = settings.Variants().Single(v => v.Kind == StabilityVariant.Baseline).Name;
        static bool IsClip(StabilityVariant v) => v.Kind is StabilityVariant.ElementClip or StabilityVariant.NormClip;
        var slots = new Dictionary<(string Variant, int Seed), TaskCompletionSource<SeedRun>>();
        foreach (var v in fixes.Where(v => !IsClip(v)).Concat(fixes.Where(IsClip)))
            foreach (int seed in settings.Seeds)
            {
                var slot = slots[(v.Name, seed)] = SideBySide.Slot<SeedRun>();
                var given = existing?.FirstOrDefault(r => r.Variant == v.Name && r.Seed == seed && r.Clips is not null);
                if (given is not null) { slot.SetResult(given); continue; }
                jobs.Add(SideBySide.Job(slot, () =>
                {
                    var clips = IsClip(v) ? unfixedRun(seed).Clips : null;
                    bool neverFires = clips is not null && (v.Kind == StabilityVariant.ElementClip ? clips.ElementAbove == 0 : clips.NormAbove == 0);
                    return neverFires
                        ? unfixedRun(seed) with { Variant = v.Name, Settings = v.Settings with { Seed = seed }, SameAs = baseline }
                        : Completed(TrainOne(corpus, v, seed, settings), completed);
                }));
            }
        return () => [.. fixes.SelectMany(v => settings.Seeds.Select(seed => SideBySide.Wait(slots[(v.Name, seed)])))];
    }

    // One kernel thread: the runs go side by side, and the thread count does not change a run's numbers.
    static SeedRun TrainOne(Corpus corpus, StabilityVariant v, int seed, StabilitySettings settings) =>
        SeedRuns.TrainOne(corpus, v.Name, v.Settings with { Seed = seed, Threads = 1 }, settings.ClipValue, settings.ClipNorm);

    static SeedRun Completed(SeedRun run, Action<SeedRun>? completed)
    {
        completed?.Invoke(run);
        return run;
    }

    static ClaimEvidence Judge(string id, string text, StabilityVariant fix, IReadOnlyList<SeedRun> baseline, IReadOnlyList<SeedRun> runs,
        StabilitySettings settings, string where)
    {
        var fixedRuns = Runs(runs, fix);
        if (fixedRuns.Any(r => r.Clips is null))
            throw new LabException($"Claim (f) counts clipping steps, which the runs of '{fix.Name}' did not record.");
        var pairs = fixedRuns.Join(baseline, f => f.Seed, b => b.Seed, (f, b) => (Fix: f, Base: b)).ToList();
        if (pairs.Count == 0) throw new LabException($"Claim (f) needs '{fix.Name}' and the unfixed run under the same seeds.");
        int Rebounds(SeedRun r) => ReproductionRun.Analyze(r.Log, settings.MinRelativeRise).Rebounds.Count;
        var diff = SeedInterval.Of(pairs.Select(p => (double)(Rebounds(p.Fix) - Rebounds(p.Base))).ToList());
        var cost = SeedInterval.Of(pairs.Select(p => p.Fix.Log[^1].Loss / p.Base.Log[^1].Loss).ToList());
        bool fewer = diff.HasInterval ? diff.High < 0 : diff.Mean < 0;
        bool cheap = cost.Mean <= settings.MaxLossCost;
        var verdict = !fewer ? Verdict.DoesNotHold : cheap ? Verdict.Holds : Verdict.DependsOn;

        string fires = fix.Kind switch
        {
            StabilityVariant.ElementClip => string.Create(CultureInfo.InvariantCulture, 
                $" The clip fired in {pairs.Sum(p => p.Fix.Clips!.ElementAbove)} of {pairs.Sum(p => p.Fix.Clips!.Steps)} steps (iterations " +
                    $"{Iterations(pairs.Select(p => p.Fix))})."),
            StabilityVariant.NormClip => string.Create(CultureInfo.InvariantCulture, 
                $" The clip fired in {pairs.Sum(p => p.Fix.Clips!.NormAbove)} of {pairs.Sum(p => p.Fix.Clips!.Steps)} steps " +
                    $"({pairs.Average(p => p.Fix.Clips!.NormShare):P0})."),
            _ => "",
        };
        string evidence = string.Create(CultureInfo.InvariantCulture, 
            $"Over {pairs.Count} training seed(s), each run with and without the fix ({fix.Settings.Iterations} iterations, H = " +
                $"{fix.Settings.HiddenSize}). " +
            $"Rebounds (rises above {settings.MinRelativeRise:P0}) per run: {pairs.Average(p => Rebounds(p.Base)):F1} without, " +
                $"{pairs.Average(p => Rebounds(p.Fix)):F1} with; " +
            $"difference {diff.Describe("+0.0;-0.0;0")}. Final loss with the fix / without: {cost.Describe("F2")}.{fires}" +
            $"{(fewer && !cheap ? " Fewer rebounds, bought with a loss that ends far higher: it is calmer because it learns less."
                : !fewer ? " No clear change in the rebounds." : "")}");
        return new ClaimEvidence(id, text, verdict, evidence, pairs.Count, "rebounds per run: with the fix minus without (paired by seed)",
            diff.Mean, diff.Low, diff.High, where);
    }

    static string Iterations(IEnumerable<SeedRun> runs)
    {
        var all = runs.SelectMany(r => r.Clips!.ElementIterations).Distinct().Order().ToList();
        return all.Count == 0 ? "none" : string.Join(", ", all.Take(8)) + (all.Count > 8 ? ", ..." : "");
    }
}
