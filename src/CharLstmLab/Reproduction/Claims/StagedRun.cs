using CharLstmLab.Text;
using CharLstmLab.Training;

namespace CharLstmLab.Reproduction;

/// <summary>
/// One training seed's run with copies of the model kept on the way: at the iterations asked for,
/// at the lowest validation loss, and at the end. Claims that depend on how trained a model is
/// (greedy against temperature, the snowball) are measured on these copies, so one run per seed
/// serves every stage.
/// </summary>
public sealed record StagedRun(int TrainingSeed, Vocabulary Vocabulary, TextSplit Split, int WindowsPerIteration, IReadOnlyList<IterationLog> Log,
    IReadOnlyList<StagedModel> Kept, StagedModel Best, StagedModel End)
{
    /// <summary>Trains one run; its training seed is <see cref="TrainingSettings.Seed"/>.</summary>
    public static StagedRun Train(Corpus corpus, TrainingSettings settings, IEnumerable<int> keepAt)
    {
        var wanted = keepAt.Where(i => i >= 1 && i <= settings.Iterations).ToHashSet();
        var trainer = new Trainer(corpus, settings with { SampleEvery = 0 });
        var kept = new List<StagedModel>();
        StagedModel? best = null;
        trainer.IterationCompleted += entry =>
        {
            // Without a validation split there is no "lowest validation": NaN never wins, so the first iteration stands in.
            double val = entry.ValMeanCe ?? double.NaN;
            if (wanted.Contains(entry.Iteration)) kept.Add(new(entry.Iteration, val, trainer.Model.Clone()));
            if (best is null || val < best.ValidationCe) best = new(entry.Iteration, val, trainer.Model.Clone());
        };
        var log = trainer.Run();
        var end = new StagedModel(log.Count, log[^1].ValMeanCe ?? double.NaN, trainer.Model);
        return new(settings.Seed, trainer.Vocabulary, trainer.Split, trainer.WindowsPerIteration, log, kept, best!, end);
    }

    /// <summary>
    /// Trains every run at the same time, each on its own thread and one kernel thread: separate runs
    /// share nothing, and a run's numbers do not depend on its thread count. All at once rather than
    /// two at a time, because with three runs on two cores the pair would leave one core idle while
    /// the third runs alone. Results come back in the order of <paramref name="runs"/>; a run that
    /// fails throws its own exception, not a wrapper.
    /// </summary>
    public static IReadOnlyList<StagedRun> TrainAll(Corpus corpus, IReadOnlyList<TrainingSettings> runs, IEnumerable<int> keepAt,
        bool parallel = true)
    {
        var at = keepAt.ToArray();
        if (!parallel || runs.Count < 2 || Environment.ProcessorCount < 2) return runs.Select(s => Train(corpus, s, at)).ToList();
        var slots = runs.Select(_ => SideBySide.Slot<StagedRun>()).ToList();
        SideBySide.Run([.. runs.Select((s, i) => SideBySide.Job(slots[i], () => Train(corpus, s with { Threads = 1 }, at)))], atOnce: runs.Count);
        return slots.Select(SideBySide.Wait).ToList();
    }

    /// <summary>About <paramref name="count"/> iterations from 1 to <paramref name="iterations"/>, spaced evenly on a log scale.</summary>
    public static IReadOnlyList<int> LogGrid(int iterations, int count)
    {
        Require.Positive(iterations, "The number of iterations");
        Require.Positive(count, "The number of checkpoints");
        if (count == 1) return [iterations];
        return Enumerable.Range(0, count)
            .Select(i => (int)Math.Round(Math.Exp(Math.Log(iterations) * i / (count - 1))))
            .Distinct().ToList();
    }

    /// <summary>The kept model at an iteration, the best or the end included.</summary>
    public StagedModel At(int iteration) =>
        Kept.FirstOrDefault(k => k.Iteration == iteration)
        ?? (Best.Iteration == iteration ? Best : End.Iteration == iteration ? End
            : throw new LabException($"Training seed {TrainingSeed} kept no model at iteration {iteration}."));
}
