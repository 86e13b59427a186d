using System.Globalization;
using System.Text;
using CharLstmLab.Baselines;
using CharLstmLab.Text;
using CharLstmLab.Training;

namespace CharLstmLab.Reproduction;

/// <summary>
/// What does it take for the LSTM to beat the Kneser-Ney 5-gram on held-out text? Trains every variant of
/// <see cref="NgramChallengeSettings"/> once per seed (side by side, one thread each: a run's numbers do not depend on its
/// thread count, so neither does the table) and sets each variant's validation loss beside the 5-gram fitted on the
/// same corpus's training text.
/// </summary>
public static class NgramChallenge
{
    public static IReadOnlyList<ChallengeRow> Run(Corpus small, Corpus large, NgramChallengeSettings? settings = null,
        Action<string>? progress = null, CancellationToken cancel = default)
    {
        settings ??= new NgramChallengeSettings();
        settings.Validate();
        Corpus Of(ChallengeVariant v) => v.Corpus == ChallengeCorpus.Small ? small : large;
        // Building a trainer checks the corpus against the windows: fail here, not minutes into training.
        var shapes = settings.Variants.Select(v => new Trainer(Of(v), v.Settings with { Threads = 1 })).ToList();
        var fiveGrams = settings.Variants.Select(v => v.Corpus).Distinct().ToDictionary(c => c, c =>
        {
            var t = shapes[settings.Variants.ToList().FindIndex(v => v.Corpus == c)];
            return BaselineSuite.Measure(t.Split.Train, t.Split.Validation, t.Vocabulary, maxOrder: 5)
                .Single(b => b.Name == BaselineComparison.FiveGram).MeanCrossEntropy;
        });

        int n = settings.Seeds.Count;
        var logs = new IReadOnlyList<IterationLog>[settings.Variants.Count * n];
        var jobs = settings.Variants.SelectMany((v, vi) =>
            settings.Seeds.Select((seed, si) => (Index: vi * n + si, Variant: v, Seed: seed))).ToList();
        int done = 0;
        SideBySide.Run([.. jobs.Select(job => (Action)(() =>
        {
            logs[job.Index] = new Trainer(Of(job.Variant), job.Variant.Settings with { Seed = job.Seed, Threads = 1 }).Run(cancel).ToList();
            progress?.Invoke($"trained {job.Variant.Name}, seed {job.Seed} ({Interlocked.Increment(ref done)} of {jobs.Count})");
        }))], settings.Threads);

        return settings.Variants.Select((v, vi) =>
        {
            var runs = logs.Skip(vi * n).Take(n).ToList();
            var best = runs.Select(log => log.Where(l => l.ValMeanCe is not null).MinBy(l => l.ValMeanCe!.Value)!).ToList();
            var last = runs.Select(log => log[^1].ValMeanCe!.Value).ToList();
            double fiveGram = fiveGrams[v.Corpus];
            return new ChallengeRow(v.Name, v.Corpus, shapes[vi].Split.Validation.Length, shapes[vi].WindowsPerIteration * v.Settings.Iterations,
                fiveGram, SeedInterval.Of(last), SeedInterval.Of(best.Select(b => b.ValMeanCe!.Value).ToList()),
                best.Select(b => b.Iteration).ToList(),
                SeedInterval.Of(best.Select(b => b.ValMeanCe!.Value - fiveGram).ToList()), SeedInterval.Of(last.Select(x => x - fiveGram).ToList()));
        }).ToList();
    }

    /// <summary>The rows as a Markdown table, nats per character throughout.</summary>
    public static string ToMarkdown(IReadOnlyList<ChallengeRow> rows)
    {
        var md = new StringBuilder();
        md.AppendLine("| variant | validation chars | steps | last iteration | best iteration (which) | KN 5-gram | best − 5-gram | verdict |");
        // Means with their 95 % t-intervals over the training seeds, in brackets.
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in rows)
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Variant} | {r.ValidationCharacters:N0} | {r.Steps:N0} | {Plain(r.Last)} | {Plain(r.Best)} " +
                    $"({string.Join(", ", r.BestIterations)}) | " +
                $"{r.FiveGram:F3} | {Signed(r.BestMinusFiveGram)} | {r.Verdict} |"));
        return md.ToString();
    }

    static string Plain(SeedInterval i) => i.HasInterval
        ? string.Create(CultureInfo.InvariantCulture, $"{i.Mean:F3} [{i.Low:F3}, {i.High:F3}]")
        : string.Create(CultureInfo.InvariantCulture, $"{i.Mean:F3}");

    static string Signed(SeedInterval i) => i.HasInterval
        ? string.Create(CultureInfo.InvariantCulture, $"{i.Mean:+0.000;-0.000} [{i.Low:+0.000;-0.000}, {i.High:+0.000;-0.000}]")
        : string.Create(CultureInfo.InvariantCulture, $"{i.Mean:+0.000;-0.000} (one seed)");

    /// <summary>What the table says, computed: which variants beat the 5-gram, and whether choosing the iteration by validation matters.</summary>
    public static string Reading(IReadOnlyList<ChallengeRow> rows)
    {
        var beat = rows.Where(r => r.BestMinusFiveGram.HasInterval ? r.BestMinusFiveGram.High < 0
            : r.BestMinusFiveGram.Mean < 0).Select(r => r.Variant).ToList();
        var bestRow = rows.MinBy(r => r.BestMinusFiveGram.Mean)!;
        string text = beat.Count == 0
            ? $"No variant beats the KN 5-gram on its held-out text; the closest is {bestRow.Variant}, {Signed(bestRow.BestMinusFiveGram)} nats " +
                "per character at its best iteration."
            : $"Beat the KN 5-gram on their held-out text: {string.Join("; ", beat)}. The largest margin: {bestRow.Variant}, " +
                $"{Signed(bestRow.BestMinusFiveGram)} nats per character.";
        var gains = rows.Select(r => (r.Variant, Gain: r.Last.Mean - r.Best.Mean)).ToList();
        var most = gains.MaxBy(g => g.Gain);
        return text + string.Create(CultureInfo.InvariantCulture,
            $" Stopping at the best-validation iteration instead of the last gains up to {most.Gain:F3} nats per character ({most.Variant}).");
    }
}
