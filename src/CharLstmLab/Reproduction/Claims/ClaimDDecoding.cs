using CharLstmLab.Diagnostics;
using CharLstmLab.Model;
using CharLstmLab.Sampling;
using CharLstmLab.Text;

namespace CharLstmLab.Reproduction;

/// <summary>How the texts compared for claim (d) are made: prompt, length, the temperature set against greedy, and its sampling seeds.</summary>
public sealed record DecodingSettings(string Prompt, int Length, double Temperature, IReadOnlyList<int> SamplingSeeds)
{
    public void Validate()
    {
        if (string.IsNullOrEmpty(Prompt)) throw new LabException("The prompt must hold at least one character (for a cold start use \"#\").");
        Require.Positive(Length, "The sample length");
        new TemperatureSampler(Temperature);
        if (SamplingSeeds.Count == 0) throw new LabException("Claim (d) needs at least one sampling seed.");
    }
}

/// <summary>
/// What went wrong in the texts of one strategy from one model: means over its samples (greedy has one).
/// <see cref="Nonsense"/> is the share of words not in the corpus, <see cref="Invented"/> the part of it
/// that is in no English dictionary either (the rest are real words the small corpus never uses).
/// </summary>
public sealed record DecodingFaults(double Faulty, double Nonsense, double Loop, double Invented = 0)
{
    /// <summary>
    /// The share of a text that is wrong in either of the two ways the article's claim is about: the
    /// repeating tail (greedy's loop), plus, in the rest, the share of invented words. A real English
    /// word the corpus lacks is not an error, so it does not count. A loop of spaces has no words, so
    /// invented words alone would score it perfect; this does not.
    /// </summary>
    public static double FaultyShare(string generated, CorpusIndex index)
    {
        var loop = Repetition.Measure(generated);
        string head = generated[..(generated.Length - loop.LoopLength)];
        return loop.LoopFraction + (1 - loop.LoopFraction) * NonsenseWords.Measure(head, index).InventedRate;
    }

    public static DecodingFaults Measure(IReadOnlyList<string> generated, CorpusIndex index)
    {
        var nonsense = generated.Select(t => NonsenseWords.Measure(t, index)).ToList();
        return new(generated.Average(t => FaultyShare(t, index)), nonsense.Average(n => n.Rate),
            generated.Average(t => Repetition.Measure(t).LoopFraction), nonsense.Average(n => n.InventedRate));
    }
}

/// <summary>Greedy against temperature sampling, from one training seed's model at one iteration.</summary>
public sealed record DecodingPoint(int TrainingSeed, int Iteration, double ValidationCe, DecodingFaults Greedy, DecodingFaults Sampled)
{
    /// <summary>Greedy's faulty share minus the sampled one: above zero, sampling is better (the article's claim).</summary>
    public double Advantage => Greedy.Faulty - Sampled.Faulty;
}

/// <summary>One of the three named stages of a run: its iteration per seed and the advantage over seeds.</summary>
public sealed record DecodingStage(string Name, IReadOnlyList<DecodingPoint> Points, SeedInterval Advantage);

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
        var sampled = d.SamplingSeeds.Select(s => generator.Generate(d.Prompt, d.Length, new TemperatureSampler(d.Temperature), new Random(s)).Text).ToList();
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
