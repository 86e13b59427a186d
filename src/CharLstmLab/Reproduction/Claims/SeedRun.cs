using CharLstmLab.Training;

namespace CharLstmLab.Reproduction;

/// <summary>One training run of a claim's evidence: a named variant under one seed, its log, and what each clip would have done.</summary>
public sealed record SeedRun(string Variant, int Seed, TrainingSettings Settings, IReadOnlyList<IterationLog> Log, ClipCounts Clips)
{
    /// <summary>The log line of an iteration, or null when the run stopped before it.</summary>
    public IterationLog? At(int iteration) => Log.FirstOrDefault(l => l.Iteration == iteration);
}
