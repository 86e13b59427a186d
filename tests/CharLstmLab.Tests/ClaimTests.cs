using CharLstmLab.Reproduction;
using CharLstmLab.Training;

namespace CharLstmLab.Tests;

/// <summary>The claims' verdict logic on constructed curves, and their runs' determinism on a tiny corpus.</summary>
public class ClaimTests
{
    const int T = 14;

    static IterationLog Entry(int iteration, double loss, double? val = null, double first = 61) =>
        new(iteration, loss, loss / T, Math.Exp(loss / T), loss / T / Math.Log(2), val, 10, 12, 0.05, iteration, first, null);

    static SeedRun Run(int seed, IReadOnlyList<double> losses, Func<int, double?>? val = null, string variant = "run", double first = 61, ClipCounts? clips = null) =>
        new(variant, seed, ReproductionSettings.Article with { Seed = seed }, losses.Select((l, i) => Entry(i + 1, l, val?.Invoke(i + 1), first)).ToList(),
            clips ?? new ClipCounts(losses.Count * 10, 5, 0, 5, 0, new Dictionary<int, double>()));

    /// <summary>A geometric fall from 60 to <paramref name="end"/> over 91 iterations, with an optional bump at given iterations.</summary>
    static double[] Falling(double end, params int[] bumps)
    {
        var losses = Enumerable.Range(0, 91).Select(i => 60 * Math.Pow(end / 60, i / 90.0)).ToArray();
        foreach (int b in bumps) losses[b - 1] = losses[b - 2] * 1.2;
        return losses;
    }

    [Fact]
    public void Claim_a_holds_for_the_article_s_own_curve_and_not_for_one_that_ends_high_or_has_no_rise_at_51()
    {
        var articleLike = Enumerable.Range(1, 3).Select(s => Run(s, Falling(0.23, 51), first: 60.49)).ToList();
        var holds = LossDropClaim.From(articleLike);
        Assert.Equal(Verdict.Holds, holds.Verdict);
        Assert.Equal(3, holds.TrainingSeeds);
        Assert.InRange(holds.Effect, 0.99, 1.01);

        var high = LossDropClaim.From(Enumerable.Range(1, 3).Select(s => Run(s, Falling(4.5, 51))).ToList());
        Assert.Equal(Verdict.DoesNotHold, high.Verdict);
        Assert.InRange(high.Effect, 19, 20);
        Assert.Contains("3 of 3", high.Evidence);

        var mixed = LossDropClaim.From([Run(1, Falling(0.23, 51), first: 60.49), Run(2, Falling(0.23, 76), first: 60.49), Run(3, Falling(0.23, 51), first: 60.49)]);
        Assert.Equal(Verdict.DependsOn, mixed.Verdict);
        Assert.Contains("2 of 3", mixed.Evidence);
        Assert.Contains("seed 2: 76", mixed.Evidence);

        Assert.Throws<LabException>(() => LossDropClaim.From([Run(1, Falling(0.23).Take(60).ToArray())]));
        Assert.NotNull(LossDropClaim.WhyNot(ReproductionSettings.Article with { Iterations = 20 }));
        Assert.Null(LossDropClaim.WhyNot(ReproductionSettings.Article));
    }

    [Fact]
    public void The_interval_over_seeds_is_a_95_percent_t_interval_and_one_seed_has_none()
    {
        var interval = SeedInterval.Of([1.0, 2.0, 3.0]);
        Assert.Equal(2.0, interval.Mean, 12);
        double half = 4.302652729911275 * 1.0 / Math.Sqrt(3); // t(0.975, 2) * sd / sqrt(n)
        Assert.Equal(2.0 - half, interval.Low, 9);
        Assert.Equal(2.0 + half, interval.High, 9);
        var one = SeedInterval.Of([4.0]);
        Assert.False(one.HasInterval);
        Assert.Contains("no interval", one.Describe());
        Assert.Throws<LabException>(() => SeedInterval.Of([]));
    }

    [Fact]
    public void Claim_b_holds_while_the_tail_falls_and_fails_when_it_is_flat_or_rising()
    {
        var falling = StillImprovingClaim.From(Enumerable.Range(1, 3).Select(s => Run(s, Falling(4.5 + s))).ToList());
        Assert.Equal(Verdict.Holds, falling.Verdict);
        Assert.True(falling.High < 0);

        var rising = Enumerable.Range(1, 91).Select(i => i < 70 ? 60.0 - i * 0.5 : 25.5 + (i - 70) * 0.3).ToArray();
        var flat = StillImprovingClaim.From(Enumerable.Range(1, 3).Select(s => Run(s, rising)).ToList());
        Assert.Equal(Verdict.DoesNotHold, flat.Verdict);
        Assert.True(flat.Effect > 0);

        var mixed = StillImprovingClaim.From([Run(1, Falling(4.5)), Run(2, rising), Run(3, Falling(4.0))]);
        Assert.Equal(Verdict.DependsOn, mixed.Verdict);

        // A 200-iteration run is read at the article's 91; a 5-iteration run at its last.
        var longRun = Run(1, Falling(4.5).Concat(Enumerable.Repeat(9.0, 109)).ToArray());
        Assert.Equal(91, StillImprovingClaim.Read(longRun, 91).Iteration);
        Assert.Equal(5, StillImprovingClaim.Read(Run(1, [50, 40, 35, 30, 28]), 91).Iteration);
        Assert.NotNull(StillImprovingClaim.WhyNot(ReproductionSettings.Article with { Iterations = 3 }));
    }

    [Fact]
    public void Claim_c_needs_a_validation_minimum_then_a_rise_while_training_falls()
    {
        double? UShaped(int i) => 2.1 + Math.Abs(i - 24) * 0.012;
        var holds = MemorizationClaim.From(Enumerable.Range(1, 3).Select(s => Run(s, Falling(4.5), UShaped)).ToList());
        Assert.Equal(Verdict.Holds, holds.Verdict);
        Assert.InRange(holds.Effect, 0.8, 0.81);
        Assert.Contains("iteration 24, 24, 24", holds.Evidence);

        double? Falls(int i) => 3.0 - i * 0.01;
        Assert.Equal(Verdict.DoesNotHold, MemorizationClaim.From([Run(1, Falling(4.5), Falls), Run(2, Falling(4.5), Falls)]).Verdict);
        Assert.Equal(Verdict.DependsOn, MemorizationClaim.From([Run(1, Falling(4.5), Falls), Run(2, Falling(4.5), UShaped)]).Verdict);
        Assert.Throws<LabException>(() => MemorizationClaim.From([Run(1, Falling(4.5))]));
        Assert.NotNull(MemorizationClaim.WhyNot(ReproductionSettings.Article with { ValidationFraction = 0 }));
    }

    [Fact]
    public void Claim_f_judges_each_fix_against_the_unfixed_run_seed_by_seed()
    {
        var settings = new StabilitySettings();
        var v = settings.Variants().ToDictionary(x => x.Kind);
        var clips = new ClipCounts(910, 5, 3, 5, 800, new Dictionary<int, double> { [1] = 5.2, [2] = 4.0 });
        var runs = new List<SeedRun>();
        foreach (int seed in settings.Seeds)
        {
            runs.Add(Run(seed, Falling(4.5, 62, 76, 90), variant: v[StabilityVariant.Baseline].Name));
            runs.Add(Run(seed, Falling(4.5, 62, 76, 90), variant: v[StabilityVariant.ElementClip].Name, clips: clips));   // changes nothing
            runs.Add(Run(seed, Falling(4.6), variant: v[StabilityVariant.NormClip].Name, clips: clips));                  // calm, as good
            runs.Add(Run(seed, Falling(28), variant: v[StabilityVariant.LowerRate].Name));                                // calm, far behind
        }
        var rows = StabilityClaim.From(runs, settings);
        var clip = rows.Single(r => r.Claim == StabilityClaim.ClipText);
        Assert.Equal(Verdict.DoesNotHold, clip.Verdict);
        Assert.Equal(0, clip.Effect);
        Assert.Contains("fired in 9 of 2730 steps (iterations 1)", clip.Evidence);
        var norm = rows.Single(r => r.Claim == StabilityClaim.NormText);
        Assert.Equal(Verdict.Holds, norm.Verdict);
        Assert.Equal(-3, norm.Effect);
        var rate = rows.Single(r => r.Claim == StabilityClaim.RateText);
        Assert.Equal(Verdict.DependsOn, rate.Verdict);
        Assert.Contains("learns less", rate.Evidence);
        Assert.Throws<LabException>(() => StabilityClaim.From(runs.Where(r => r.Variant != v[StabilityVariant.NormClip].Name).ToList(), settings));
    }

    [Fact]
    public void Claim_runs_are_deterministic_and_count_what_each_clip_would_do()
    {
        var settings = new TrainingSettings { HiddenSize = 16, EmbeddingSize = 8, SeqLength = 10, BatchSize = 4, LearningRate = 0.5, Iterations = 4, SampleEvery = 0 };
        var a = SeedRuns.Train(TestData.Corpus, "tiny", settings, [1, 2], elementThreshold: 0.01, normThreshold: 0.5);
        var b = SeedRuns.Train(TestData.Corpus, "tiny", settings with { Threads = 1 }, [1, 2], elementThreshold: 0.01, normThreshold: 0.5);
        Assert.Equal(a.Select(r => r.Log.Select(l => l.Loss)).SelectMany(x => x), b.Select(r => r.Log.Select(l => l.Loss)).SelectMany(x => x));
        Assert.Equal([1, 2], a.Select(r => r.Seed));
        Assert.NotEqual(a[0].Log[^1].Loss, a[1].Log[^1].Loss);
        var clips = a[0].Clips!;
        Assert.True(clips.Steps > 0 && clips.ElementAbove > 0 && clips.ElementAbove <= clips.Steps);
        Assert.Equal(Enumerable.Range(1, 4), clips.LargestElementByIteration.Keys);
        Assert.True(clips.LargestElement > 0.01);
        Assert.Throws<LabException>(() => SeedRuns.Train(TestData.Corpus, "tiny", settings, []));
        Assert.Throws<LabException>(() => SeedRuns.Train(TestData.Corpus, "tiny", settings, [1, 1]));
    }

    [Fact]
    public void A_clip_that_never_fires_leaves_the_run_bit_for_bit_so_claim_f_reuses_the_unfixed_run()
    {
        var tiny = new TrainingSettings { HiddenSize = 16, EmbeddingSize = 8, SeqLength = 10, BatchSize = 4, LearningRate = 0.5, Iterations = 3, SampleEvery = 0 };
        var plain = SeedRuns.TrainOne(TestData.Corpus, "plain", tiny, elementThreshold: 1000, normThreshold: 1000);
        Assert.Equal(0, plain.Clips!.ElementAbove);
        var clipped = SeedRuns.TrainOne(TestData.Corpus, "clipped", tiny with { ClipValue = 1000, ClipNorm = 1000 });
        Assert.Equal(plain.Log.Select(l => l.Loss), clipped.Log.Select(l => l.Loss));
        Assert.Equal(plain.Log.Select(l => l.ValMeanCe), clipped.Log.Select(l => l.ValMeanCe));

        var settings = new StabilitySettings { Run = tiny, Seeds = [1, 2], ClipValue = 1000, ClipNorm = 0.001 };
        var runs = StabilityClaim.Train(TestData.Corpus, settings);
        var v = settings.Variants().ToDictionary(x => x.Kind);
        Assert.Equal(8, runs.Count);
        Assert.All(runs.Where(r => r.Variant == v[StabilityVariant.ElementClip].Name), r => Assert.Equal(v[StabilityVariant.Baseline].Name, r.SameAs));
        Assert.All(runs.Where(r => r.Variant == v[StabilityVariant.NormClip].Name), r => Assert.Null(r.SameAs));
        var reused = runs.Single(r => r.Variant == v[StabilityVariant.ElementClip].Name && r.Seed == 2);
        Assert.Equal(1000, reused.Settings.ClipValue);
        Assert.Equal(2, reused.Settings.Seed);
        Assert.Equal(3, StabilityClaim.From(runs, settings).Count);

        // Side by side or one after another: the same runs, in the same order, bit for bit.
        var alone = StabilityClaim.Train(TestData.Corpus, settings, [], runsAtOnce: 1);
        Assert.Equal(runs.Select(r => (r.Variant, r.Seed, r.SameAs)), alone.Select(r => (r.Variant, r.Seed, r.SameAs)));
        Assert.Equal(runs.SelectMany(r => r.Log.Select(l => (l.Loss, l.ValMeanCe))), alone.SelectMany(r => r.Log.Select(l => (l.Loss, l.ValMeanCe))));
    }

    [Fact]
    public void Side_by_side_jobs_start_in_order_may_wait_for_earlier_ones_and_fail_with_the_earliest_failure()
    {
        var first = SideBySide.Slot<int>();
        var results = new int[6];
        var jobs = new List<Action> { SideBySide.Job(first, () => { Thread.Sleep(50); return 41; }) };
        for (int i = 1; i < results.Length; i++) { int k = i; jobs.Add(() => results[k] = SideBySide.Wait(first) + k); }
        SideBySide.Run(jobs, atOnce: 2);
        Assert.Equal([0, 42, 43, 44, 45, 46], results);

        var failing = SideBySide.Slot<int>();
        var waited = new List<Action>
        {
            SideBySide.Job(failing, () => throw new LabException("first failure")),
            () => SideBySide.Wait(failing),
            () => throw new InvalidOperationException("later failure"),
        };
        Assert.Equal("first failure", Assert.Throws<LabException>(() => SideBySide.Run(waited, atOnce: 3)).Message);
    }
}
