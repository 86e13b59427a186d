using CharLstmLab.Baselines;

namespace CharLstmLab.Cli;

/// <summary>
/// The "baselines" block that 'table' and 'score' print after their own lines: reference models on the same text,
/// in the same units.
/// </summary>
static class BaselinesBlock
{
    public static void Print(string what, IReadOnlyList<BaselineScore> scores, IEnumerable<(string Name, double MeanCe)> lstm)
    {
        Console.WriteLine();
        Console.WriteLine($"baselines on {what}, fitted on the training text (nats per character, lower is better):");
        foreach (var s in scores)
            Console.WriteLine(FormattableString.Invariant(
                $"  {s.Name,-40} {s.MeanCrossEntropy,6:F3} nats/char  {s.BitsPerCharacter,6:F3} bits/char"));
        foreach (var (name, ce) in lstm)
        {
            int better = scores.Count(s => s.MeanCrossEntropy < ce);
            Console.WriteLine(FormattableString.Invariant($"  {name,-40} {ce,6:F3} nats/char  {ce / Math.Log(2),6:F3} bits/char") +
                              (better == 0 ? "  (better than every baseline)" : $"  (worse than {better} of the {scores.Count} baselines)"));
        }
    }

    public const string NeedsTrainingText =
        "baselines: pass --data with the model's training corpus to compare with uniform, Kneser-Ney n-gram and compressor baselines.";
}
