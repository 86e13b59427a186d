using CharLstmLab.Diagnostics;
using CharLstmLab.Model;
using CharLstmLab.Reproduction;
using CharLstmLab.Sampling;
using CharLstmLab.Training;

namespace CharLstmLab.Tests;

public class ClaimsDESnowballTests
{
    static readonly TrainingSettings Small = new()
    {
        HiddenSize = 24, EmbeddingSize = 8, SeqLength = 10, BatchSize = 4, Optimizer = OptimizerKind.Adagrad,
        LearningRate = 0.1, ClipValue = 5, Iterations = 6, SampleEvery = 0, ValidationFraction = 0.2,
    };

    static readonly Lazy<IReadOnlyList<StagedRun>> Runs = new(() =>
        StagedRun.TrainAll(TestData.Corpus, [Small with { Seed = 1 }, Small with { Seed = 2 }, Small with { Seed = 3 }], [1, 2, 4]));

    static CorpusIndex Index(StagedRun run) => new(run.Vocabulary.Decode(run.Split.Train));

    [Fact]
    public void A_difference_is_clearly_signed_only_when_its_interval_excludes_zero()
    {
        var wide = SeedInterval.Of([1.0, 2.0, 3.0]);
        Assert.Equal(2.0 - 4.303 / Math.Sqrt(3), wide.Low, 3);   // sd = 1, t(2 df) = 4.303
        Assert.False(wide.AboveZero());
        Assert.False(wide.BelowZero());
        Assert.True(SeedInterval.Of([1.0, 1.1, 0.9]).AboveZero());
        Assert.True(SeedInterval.Of([-1.0, -1.1, -0.9]).BelowZero());
        Assert.Equal("+1.00 [+0.75, +1.25]", SeedInterval.Of([1.0, 1.1, 0.9]).Signed());

        var one = SeedInterval.Of([0.5]);
        Assert.False(one.AboveZero());   // one seed is never evidence of a direction
        Assert.Contains("one seed", one.Signed());
    }

    [Fact]
    public void The_log_grid_runs_from_the_first_to_the_last_iteration_without_repeats()
    {
        var grid = StagedRun.LogGrid(30, 8);
        Assert.Equal(1, grid[0]);
        Assert.Equal(30, grid[^1]);
        Assert.Equal(grid.Distinct().OrderBy(x => x), grid);
        Assert.Equal([1], StagedRun.LogGrid(1, 8));
        Assert.Equal([5], StagedRun.LogGrid(5, 1));
    }

    [Fact]
    public void A_staged_run_keeps_the_asked_iterations_the_lowest_validation_and_the_end()
    {
        var run = Runs.Value[1];
        Assert.Equal(2, run.TrainingSeed);
        Assert.Equal([1, 2, 4], run.Kept.Select(k => k.Iteration));
        Assert.Equal(run.Log.Min(l => l.ValMeanCe!.Value), run.Best.ValidationCe);
        Assert.Equal(run.Log.MinBy(l => l.ValMeanCe)!.Iteration, run.Best.Iteration);
        Assert.Equal(Small.Iterations, run.End.Iteration);
        Assert.Same(run.Kept[2], run.At(4));
        Assert.Throws<LabException>(() => run.At(3));
        // A kept copy is a copy: it still scores what it scored at its iteration.
        Assert.Equal(run.Log[1].ValMeanCe!.Value, Evaluator.MeanCrossEntropy(run.At(2).Model, run.Split.Validation), 5);
    }

    [Fact]
    public void Runs_trained_side_by_side_equal_runs_trained_one_after_another_bit_for_bit()
    {
        var alone = StagedRun.TrainAll(TestData.Corpus, [Small with { Seed = 2 }, Small with { Seed = 3 }], [2], parallel: false);
        Assert.Equal(alone.Select(r => r.Log.Select(l => l.Loss)), Runs.Value.Skip(1).Select(r => r.Log.Select(l => l.Loss)));
        Assert.Equal(alone[0].At(2).Model.OutputWeight.Value, Runs.Value[1].At(2).Model.OutputWeight.Value);
        Assert.NotEqual(Runs.Value[0].Log[^1].Loss, Runs.Value[1].Log[^1].Loss);   // different seeds, different runs
    }

    [Fact]
    public void A_run_that_fails_beside_others_throws_its_own_exception()
    {
        var wrong = Small with { HiddenSize = 0 };
        var e = Assert.Throws<LabException>(() => StagedRun.TrainAll(TestData.Corpus, [Small with { Iterations = 1 }, wrong], []));
        Assert.Contains("hidden size", e.Message);
    }

    [Fact]
    public void The_faulty_share_counts_a_loop_of_spaces_as_all_wrong_and_corpus_words_as_right()
    {
        var index = new CorpusIndex(TestData.Markdown);
        Assert.Equal(1.0, DecodingFaults.FaultyShare(new string(' ', 60), index), 9);
        Assert.Equal(0.0, DecodingFaults.FaultyShare("A kettle boils water quickly. ", index), 9);
        Assert.Equal(0.5, DecodingFaults.FaultyShare("kettle zzyzx water qqrk ", index), 9);
        // Real English words the corpus never uses are not errors; invented ones are.
        Assert.Equal(0.0, DecodingFaults.FaultyShare("kettle shower water seed ", index), 9);
        var faults = DecodingFaults.Measure(["kettle shower zzyzx water "], index);
        Assert.Equal((0.5, 0.25, 0.25), (faults.Nonsense, faults.Invented, faults.Faulty));
        // A loop of real words: its tail is wrong however right its words are.
        var loop = DecodingFaults.FaultyShare("the kettle " + string.Concat(Enumerable.Repeat("wait ", 10)), index);
        Assert.InRange(loop, 0.7, 1.0);
    }

    static StagedRun Fake(int seed, int best, int end)
    {
        var model = CharLstm.Create(new ModelShape(4, 2, 2, 1), seed);
        var vocabulary = Text.Vocabulary.FromText("abcd");
        var split = new Text.TextSplit([0, 1], [2, 3]);
        return new StagedRun(seed, vocabulary, split, 1, [], [new(1, 3, model)], new(best, 1, model), new(end, 2, model));
    }

    static DecodingPoint Point(int seed, int iteration, double greedy, double sampled) =>
        new(seed, iteration, 0, new DecodingFaults(greedy, 0, 0), new DecodingFaults(sampled, 0, 0));

    [Fact]
    public void Claim_d_holds_depends_or_fails_by_the_sign_of_every_stage()
    {
        var runs = new[] { Fake(1, 2, 5), Fake(2, 2, 5), Fake(3, 3, 5) };
        var decoding = new DecodingSettings("#", 10, 0.8, [1]);
        DecodingPoint[] Points(double early, double late) =>
        [
            .. runs.SelectMany(r => new[] { Point(r.TrainingSeed, 1, 0.9, 0.9 - early - 0.01 * r.TrainingSeed),
                Point(r.TrainingSeed, r.Best.Iteration, 0.9, 0.9 - early - 0.01 * r.TrainingSeed),
                Point(r.TrainingSeed, 5, 0.5, 0.5 - late - 0.01 * r.TrainingSeed) }),
        ];
        var stages = ClaimDDecoding.Stages(runs, Points(0.3, 0.3));
        Assert.Equal(["under-trained", "lowest validation loss", "end of training"], stages.Select(s => s.Name));
        Assert.Equal([1, 1, 1], stages[0].Points.Select(p => p.Iteration));
        Assert.Equal([2, 2, 3], stages[1].Points.Select(p => p.Iteration));

        Assert.Equal(Verdict.Holds, ClaimDDecoding.Evidence(runs, Points(0.3, 0.3), decoding, "here").Verdict);
        Assert.Equal(Verdict.DoesNotHold, ClaimDDecoding.Evidence(runs, Points(-0.3, -0.3), decoding, "here").Verdict);
        var depends = ClaimDDecoding.Evidence(runs, Points(0.3, -0.3), decoding, "here");
        Assert.Equal(Verdict.DependsOn, depends.Verdict);
        Assert.Equal(("d", 3), (depends.Id, depends.TrainingSeeds));
        Assert.Equal(0.32, depends.Effect, 9);   // at the lowest validation loss: 0.3 + 0.01 * mean seed
        Assert.True(depends.Low < depends.Effect && depends.Effect < depends.High);
        Assert.Contains("under-trained", depends.Evidence);
        // Seeds that disagree at every stage: no interval excludes zero, so the measurement cannot tell.
        DecodingPoint[] Noisy() => [.. runs.SelectMany(r => new[] { 1, r.Best.Iteration, 5 }
            .Select(it => Point(r.TrainingSeed, it, 0.5, 0.5 + (r.TrainingSeed == 2 ? 0.4 : -0.3))))];
        Assert.Equal(Verdict.NotEstablished, ClaimDDecoding.Evidence(runs, Noisy(), decoding, "here").Verdict);
    }

    [Fact]
    public void Effects_are_judged_by_whether_their_intervals_exclude_zero()
    {
        var above = SeedInterval.Of([1.0, 1.1, 1.2]);
        var below = SeedInterval.Of([-1.0, -1.1, -1.2]);
        var unclear = SeedInterval.Of([-1.0, 0.5, 1.0]);
        var oneSeed = SeedInterval.Of([3.0]);
        Assert.Equal(Verdict.Holds, new[] { above, above }.Judge());
        Assert.Equal(Verdict.DoesNotHold, new[] { below }.Judge());
        Assert.Equal(Verdict.DependsOn, new[] { above, below }.Judge());
        Assert.Equal(Verdict.DependsOn, new[] { above, unclear }.Judge());
        Assert.Equal(Verdict.NotEstablished, new[] { unclear, unclear }.Judge());
        Assert.Equal(Verdict.NotEstablished, new[] { oneSeed }.Judge());
    }

    [Fact]
    public void Claim_d_is_measured_from_both_strategies_on_every_kept_model()
    {
        var runs = Runs.Value;
        var decoding = new DecodingSettings("#", 80, 0.8, [1, 2]);
        var points = ClaimDDecoding.Measure(runs, Index(runs[0]), decoding);
        foreach (var run in runs)
            Assert.Equal(run.Kept.Select(k => k.Iteration).Append(run.Best.Iteration).Append(run.End.Iteration).Distinct().Order(),
                points.Where(p => p.TrainingSeed == run.TrainingSeed).Select(p => p.Iteration));
        Assert.All(points, p => Assert.InRange(p.Greedy.Faulty, 0, 1));
        Assert.All(points, p => Assert.InRange(p.Sampled.Faulty, 0, 1));
        Assert.Equal(points, ClaimDDecoding.Measure(runs, Index(runs[0]), decoding));   // deterministic
        Assert.Throws<LabException>(() => ClaimDDecoding.Measure(runs, Index(runs[0]), decoding with { Temperature = 0 }));
    }

    [Fact]
    public void Edit_distance_and_resynchronization_are_measured_on_ids()
    {
        int[] Ids(string s) => s.Select(c => (int)c).ToArray();
        Assert.Equal(3, Snowball.EditDistance(Ids("kitten"), Ids("sitting")));
        Assert.Equal(0, Snowball.EditDistance(Ids("same"), Ids("same")));
        Assert.Equal(4, Snowball.EditDistance(Ids("abcd"), Ids("")));

        var a = Ids("the kettle boils water quickly");
        Assert.Equal(0, Snowball.Resync(a, a, 10, 8, 4));
        Assert.Equal(1, Snowball.Resync(a, Ids("xthe kettle boils water quickly"), 10, 8, 4));   // back in step one place along
        Assert.Equal(3, Snowball.Resync(a, Ids("XYZ kettle boils water quickly"), 10, 8, 4));
        Assert.Null(Snowball.Resync(a, Ids("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"), 10, 8, 4));
        Assert.Equal(2, Snowball.MostLikelyOther([0.1f, 0.6f, 0.3f], 1));
        Assert.Equal(1, Snowball.MostLikelyOther([0.7f, 0.2f, 0.1f], 0));
    }

    [Fact]
    public void The_snowball_forces_one_character_and_shares_the_random_stream_with_the_unforced_text()
    {
        var run = Runs.Value[0];
        var settings = new SnowballSettings("#", [5, 20], 30, 0.8, [7, 8]);
        var trials = Snowball.Measure(run.End.Model, run.Vocabulary, run.TrainingSeed, settings);
        Assert.Equal(2 + 2 * 2, trials.Count);   // greedy once, the sampler once per seed, at every position
        Assert.All(trials, t => Assert.NotEqual(t.Original, t.Forced));
        Assert.All(trials, t => Assert.InRange(t.EditShare, 0, 1.0 + 1e-9));
        Assert.All(trials, t => Assert.Equal(30, t.Unforced.Length));

        // The unforced texts are what the library's generator writes with the same sampler and seed.
        var generator = new TextGenerator(run.End.Model, run.Vocabulary);
        string greedy = generator.Generate("#", settings.Length, new GreedySampler(), new Random(0)).Text;
        string sampled = generator.Generate("#", settings.Length, new TemperatureSampler(0.8), new Random(8)).Text;
        var g = trials.Single(t => t.Strategy == "greedy" && t.Position == 20);
        var s = trials.Single(t => t.Strategy != "greedy" && t.SamplingSeed == 8 && t.Position == 5);
        Assert.Equal(greedy.Substring(21, 30), g.Unforced);
        Assert.Equal(greedy[20], g.Original);
        Assert.Equal(sampled.Substring(6, 30), s.Unforced);
        Assert.Equal(trials, Snowball.Measure(run.End.Model, run.Vocabulary, run.TrainingSeed, settings));

        var evidence = Snowball.Evidence(Runs.Value.SelectMany(r => Snowball.Measure(r.End.Model, r.Vocabulary, r.TrainingSeed, settings)).ToList(), settings, "here");
        Assert.Equal(3, evidence.TrainingSeeds);
        Assert.True(evidence.Low <= evidence.Effect && evidence.Effect <= evidence.High);
        Assert.Throws<LabException>(() => Snowball.Measure(run.End.Model, run.Vocabulary, 1, settings with { Positions = [] }));
    }

    [Fact]
    public void Claim_e_compares_each_warm_up_with_the_cold_start_on_every_training_seed()
    {
        Assert.Equal(2.0, ClaimEWarmUp.Entropy([0.25f, 0.25f, 0.25f, 0.25f]), 6);
        Assert.Equal(0.0, ClaimEWarmUp.Entropy([1f, 0f, 0f]), 6);

        var settings = new WarmUpSettings(new("cold", "#"), [new("warm", "# Notes on kettles\n\nA kettle boils water. ")],
            new SamplerSettings(SamplerKind.Temperature, Temperature: 0.8), [1, 2], DriftSteps: 5, EarlyCharacters: 20);
        var runs = Runs.Value;
        var points = ClaimEWarmUp.Measure(runs.Select(r => (r.TrainingSeed, r.End.Model)).ToList(), runs[0].Vocabulary, Index(runs[0]), settings);
        Assert.Equal(3 * 2, points.Count);
        Assert.All(points, p => Assert.InRange(p.Entropy, 0, Math.Log2(runs[0].Vocabulary.Size)));

        WarmUpPoint[] Synthetic(double warmMinusCold) =>
            [.. new[] { 1, 2, 3 }.SelectMany(s => new WarmUpPoint[] { new(s, "cold", 1.0, 0.3), new(s, "warm", 1.0 + warmMinusCold + 0.01 * s, 0.2) })];
        Assert.Equal(Verdict.Holds, ClaimEWarmUp.Evidence(Synthetic(-0.4), settings, "here").Verdict);
        Assert.Equal(Verdict.DoesNotHold, ClaimEWarmUp.Evidence(Synthetic(0.4), settings, "here").Verdict);
        var e = ClaimEWarmUp.Evidence(Synthetic(-0.4), settings, "here");
        Assert.Equal(0.38, e.Effect, 9);
        Assert.Equal(("e", 3), (e.Id, e.TrainingSeeds));
        Assert.Throws<LabException>(() => ClaimEWarmUp.Measure([], runs[0].Vocabulary, Index(runs[0]), settings with { WarmUps = [] }));
    }
}
