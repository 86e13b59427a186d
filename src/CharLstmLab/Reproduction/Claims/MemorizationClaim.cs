using System.Globalization;
using CharLstmLab.Training;
namespace CharLstmLab.Reproduction;

/// <summary>
/// Claim (c): memorization is visible. Per seed: the validation loss reaches its minimum before the
/// last iteration and ends more than <see cref="MinRise"/> nats per character above it, while the
/// training loss at the end is below its value at that minimum. The effect is that rise.
/// </summary>
public static class MemorizationClaim
{
    public const string Text = "The model memorizes its small corpus: validation loss bottoms out and rises while the training loss keeps falling.";
    public const double MinRise = 0.05;

    public static string? WhyNot(TrainingSettings run) =>
        run.ValidationFraction <= 0 ? "Claim (c) needs a validation loss, and these settings hold no text out (ValidationFraction = 0)."
        : run.Iterations < 3 ? $"Claim (c) looks for a minimum and a rise after it, which needs at least 3 iterations, not {run.Iterations}."
        : null;

    public static ClaimEvidence From(IReadOnlyList<SeedRun> runs, string where = "notebook 2, section 4")
    {
        if (runs.Count == 0) throw new LabException("Claim (c) needs at least one run.");
        var readings = runs.Select(Read).ToList();
        int visible = readings.Count(x => x.Visible);
        var rise = SeedInterval.Of(readings.Select(x => x.Rise).ToList());
        var verdict = visible == runs.Count ? Verdict.Holds : visible == 0 ? Verdict.DoesNotHold : Verdict.DependsOn;
        string evidence = string.Create(CultureInfo.InvariantCulture,
            $"Over {runs.Count} training seed(s). Validation loss lowest at iteration {string.Join(", ", readings.Select(x => x.Best))}, " +
            $"then up by {rise.Describe("F3")} nats per character by iteration {string.Join("/", readings.Select(x => x.Last).Distinct())}, " +
            $"while the training loss fell by {readings.Average(x => x.TrainingFall):F3} on average; visible (rise > {MinRise} with training " +
                $"falling) in {visible} of {runs.Count} seeds.");
        return new ClaimEvidence("c", Text, verdict, evidence, runs.Count, "validation rise after its minimum (nats per character)",
            rise.Mean, rise.Low, rise.High, where);
    }

    /// <summary>One run: the iteration of lowest validation loss, the last iteration, the rise after it and the training fall over the same
    /// span.</summary>
    public static (int Best, int Last, double Rise, double TrainingFall, bool Visible) Read(SeedRun run)
    {
        var validated = run.Log.Where(l => l.ValMeanCe is not null).ToList();
        if (validated.Count < 2)
            throw new LabException($"Claim (c) needs a validation loss at two iterations at least; seed {run.Seed} has {validated.Count}.");
        var best = validated.MinBy(l => l.ValMeanCe!.Value)!;
        var last = validated[^1];
        double rise = last.ValMeanCe!.Value - best.ValMeanCe!.Value, fall = best.MeanCe - last.MeanCe;
        return (best.Iteration, last.Iteration, rise, fall, best.Iteration < last.Iteration && rise > MinRise && fall > 0);
    }
}
