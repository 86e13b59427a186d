using CharLstmLab.Training;

namespace CharLstmLab.Reproduction;

/// <summary>
/// One training run of a claim's evidence: a named variant under one seed, its log, and what each
/// clip would have done (null for a run trained elsewhere, e.g. a notebook's main run, whose steps were not counted).
/// <see cref="SameAs"/> names the variant whose run this is, bit for bit, when it was not trained again (see
/// <see cref="StabilityClaim.Train(CharLstmLab.Text.Corpus, StabilitySettings, IReadOnlyList{SeedRun}, Action{SeedRun})"/>).
/// </summary>
public sealed record SeedRun(string Variant, int Seed, TrainingSettings Settings, IReadOnlyList<IterationLog> Log, ClipCounts? Clips = null,
    string? SameAs = null)
{
    /// <summary>The log line of an iteration, or null when the run stopped before it.</summary>
    public IterationLog? At(int iteration) => Log.FirstOrDefault(l => l.Iteration == iteration);
}
