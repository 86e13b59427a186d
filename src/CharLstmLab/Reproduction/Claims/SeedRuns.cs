using CharLstmLab.Text;
using CharLstmLab.Training;

namespace CharLstmLab.Reproduction;

/// <summary>
/// Trains one settings variant under several seeds, side by side, counting per step what an element clip and a norm
/// clip would do; <c>completed</c> is called from the runs' threads as each one finishes.
/// </summary>
public static class SeedRuns
{
    public static IReadOnlyList<SeedRun> Train(Corpus corpus, string variant, TrainingSettings settings, IReadOnlyList<int> seeds,
        double elementThreshold = 5, double normThreshold = 5, Action<SeedRun>? completed = null)
    {
        if (seeds.Count == 0) throw new LabException($"The variant '{variant}' needs at least one training seed.");
        if (seeds.Distinct().Count() != seeds.Count) throw new LabException($"The seeds of '{variant}' repeat one: {string.Join(", ", seeds)}.");
        // Side by side on one kernel thread each (SideBySide): the thread count does not change a run's numbers.
        var slots = seeds.Select(_ => SideBySide.Slot<SeedRun>()).ToList();
        SideBySide.Run([.. seeds.Select((seed, i) => SideBySide.Job(slots[i], () =>
        {
            var run = TrainOne(corpus, variant, settings with { Seed = seed, Threads = 1 }, elementThreshold, normThreshold);
            completed?.Invoke(run);
            return run;
        }))]);
        return slots.Select(SideBySide.Wait).ToList();
    }

    /// <summary>
    /// One run, counting per step what each clip would do; <paramref name="watch"/>, when given, sees the trainer before it
    /// runs (to keep a copy of the model on the way, say).
    /// </summary>
    public static SeedRun TrainOne(Corpus corpus, string variant, TrainingSettings settings, double elementThreshold = 5, double normThreshold = 5,
        Action<Trainer>? watch = null)
    {
        var trainer = new Trainer(corpus, settings);
        watch?.Invoke(trainer);
        int steps = 0, elementAbove = 0, normAbove = 0;
        var largest = new SortedDictionary<int, double>();
        trainer.StepCompleted += step =>
        {
            steps++;
            largest[step.Iteration] = Math.Max(largest.GetValueOrDefault(step.Iteration), step.MaxGradElement);
            if (step.MaxGradElement > elementThreshold) elementAbove++;
            if (step.GradNorm > normThreshold) normAbove++;
        };
        var log = trainer.Run().ToList();
        return new SeedRun(variant, settings.Seed, settings, log,
            new ClipCounts(steps, elementThreshold, elementAbove, normThreshold, normAbove, largest));
    }
}
