using CharLstmLab.Diagnostics;
using CharLstmLab.Sampling;
using CharLstmLab.Text;

namespace CharLstmLab.Reproduction;

/// <summary>
/// Claim (d): "greedy decoding accumulates errors, and temperature 0.8 is better". Both strategies
/// write from the same models, at every kept iteration of every training seed, and are judged by
/// <see cref="DecodingFaults.FaultyShare"/>. The verdict is read at three stages of each run:
/// under-trained (the last kept iteration at or before half the one with the lowest validation
/// loss), at the lowest validation loss, and at the end.
/// </summary>
public static class ClaimDDecoding
{
    public const string Claim = "Greedy decoding accumulates errors; sampling at temperature 0.8 gives better text.";

    public static IReadOnlyList<DecodingPoint> Measure(IReadOnlyList<StagedRun> runs, CorpusIndex index, DecodingSettings decoding)
    {
        decoding.Validate();
        return runs.SelectMany(run => run.Kept.Append(run.Best).Append(run.End)
                .DistinctBy(m => m.Iteration).OrderBy(m => m.Iteration)
                .Select(m => MeasureOne(run.TrainingSeed, m, run.Vocabulary, index, decoding)))
            .ToList();
    }

    static DecodingPoint MeasureOne(int seed, StagedModel m, Vocabulary vocabulary, CorpusIndex index, DecodingSettings d)
    {
        var generator = new TextGenerator(m.Model, vocabulary);
        string greedy = generator.Generate(d.Prompt, d.Length, new GreedySampler(), new Random(0)).Text;
        var sampled = d.SamplingSeeds.Select(s => generator.Generate(d.Prompt, d.Length, new TemperatureSampler(d.Temperature),
            new Random(s)).Text).ToList();
        return new(seed, m.Iteration, m.ValidationCe, DecodingFaults.Measure([greedy], index), DecodingFaults.Measure(sampled, index));
    }

    /// <summary>The three stages, each with one point per training seed (a stage a run does not reach is left out).</summary>
    public static IReadOnlyList<DecodingStage> Stages(IReadOnlyList<StagedRun> runs, IReadOnlyList<DecodingPoint> points)
    {
        DecodingPoint Find(int seed, int iteration) => points.First(p => p.TrainingSeed == seed && p.Iteration == iteration);
        var under = runs.Select(r => (Run: r, At: r.Kept.Select(k => k.Iteration).Where(i => i <= r.Best.Iteration / 2).DefaultIfEmpty(0).Max()))
            .Where(x => x.At > 0).Select(x => Find(x.Run.TrainingSeed, x.At)).ToList();
        var stages = new List<DecodingStage>();
        if (under.Count > 0) stages.Add(Stage("under-trained", under));
        stages.Add(Stage("lowest validation loss", runs.Select(r => Find(r.TrainingSeed, r.Best.Iteration)).ToList()));
        stages.Add(Stage("end of training", runs.Select(r => Find(r.TrainingSeed, r.End.Iteration)).ToList()));
        return stages;
    }

    static DecodingStage Stage(string name, IReadOnlyList<DecodingPoint> points) =>
        new(name, points, SeedInterval.Of(points.Select(p => p.Advantage).ToList()));

    /// <summary>
    /// Holds when sampling is better at every stage (interval above zero), does not hold when greedy
    /// is better at every stage, not established when no stage's interval excludes zero, and depends on
    /// the model otherwise (<see cref="SeedIntervalSigns.Judge"/>). The effect reported is the one
    /// at the lowest validation loss, the model a careful user would keep.
    /// </summary>
    public static ClaimEvidence Evidence(IReadOnlyList<StagedRun> runs, IReadOnlyList<DecodingPoint> points, DecodingSettings decoding, string where)
    {
        var stages = Stages(runs, points);
        var verdict = stages.Select(s => s.Advantage).ToList().Judge();
        var best = stages.Single(s => s.Name == "lowest validation loss");
        string perStage = string.Join("; ", stages.Select(s =>
            $"{s.Name} (iteration {string.Join("/", s.Points.Select(p => p.Iteration))}): {s.Advantage.Signed()}"));
        string evidence = $"Over {runs.Count} training seed(s), {decoding.SamplingSeeds.Count} sampling seed(s) per model: greedy's faulty share " +
                          $"(loop, plus invented words in the rest) minus T = {decoding.Temperature:0.###}'s, mean [95 % t-interval]: {perStage}.";
        return new("d", Claim, verdict, evidence, runs.Count, "greedy minus sampled faulty share at the lowest validation loss",
            best.Advantage.Mean, best.Advantage.Low, best.Advantage.High, where);
    }
}
