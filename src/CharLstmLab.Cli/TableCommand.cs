using System.CommandLine;
using System.Globalization;
using System.Text;
using CharLstmLab.Baselines;
using CharLstmLab.Diagnostics;
using CharLstmLab.Files;
using CharLstmLab.Reproduction;
using CharLstmLab.Text;
using CharLstmLab.Training;

namespace CharLstmLab.Cli;

static class TableCommand
{
    public static Command Create()
    {
        var data = Cli.Paths("--data", "Corpus files or folders (default: the bundled small corpus).", required: false);
        var fixedRun = new Option<bool>("--fixed") { Description =
            "Run the article's fixes (clip 5, alpha 0.005, 300 iterations), each alone and together, and compare." };
        var csv = new Option<string?>("--csv") { Description = "Also write the table to this CSV file." };
        var threads = Cli.Option("--threads", "Threads for the kernels; 0 = all cores.", 0);
        var command = new Command("table", "Reproduce the article's loss table with measured diagnostics beside the article's rows.") { data,
            fixedRun, csv, threads };
        command.SetAction(r => Run(r.GetValue(data), r.GetValue(fixedRun), r.GetValue(csv), r.GetValue(threads), Cli.Cancellation));
        return command;
    }

    public static int Run(string[]? data, bool fixedRun, string? csvPath, int threads, CancellationToken cancel)
    {
        var corpus = Corpus.Load(data is { Length: > 0 } ? data : [Cli.BundledData("small")]);
        if (csvPath is not null)
        {
            PathConflicts.Refuse((csvPath, "--csv"), corpus.Files.Select(f => (f, "the corpus file")));
            OutputFile.Check(csvPath, "CSV table");
        }
        var article = SeedTable.Load(Cli.BundledData("seed-loss-table.csv"));
        var baseline = ReproductionSettings.Article with { Threads = threads };
        baseline.Validate(); // a bad --threads is refused before the first run announces itself
        var runs = new List<(string Name, ReproductionReport Report)>();
        ReproductionReport Train(string name, TrainingSettings s)
        {
            Console.Error.WriteLine($"training '{name}': {Describe(s)}");
            bool live = !Console.IsErrorRedirected;
            var report = ReproductionRun.Run(corpus, s, article, l =>
            {
                if (live) Console.Error.Write($"\r  iteration {l.Iteration}/{s.Iterations}  loss {l.Loss:F3}   ");
            }, cancel);
            if (live) Console.Error.WriteLine();
            runs.Add((name, report));
            return report;
        }

        var first = Train("article", baseline);
        Console.WriteLine($"corpus: {corpus.Text.Length:N0} characters from {corpus.Files.Count} file(s), vocabulary V = {first.VocabSize}");
        if (!fixedRun)
        {
            PrintTable("The article's run, reproduced", first);
        }
        else
        {
            var fixes = ReproductionSettings.Fixed with { Threads = threads };
            var all = Train("all fixes", fixes);
            Train("clip 5 only", baseline with { ClipValue = fixes.ClipValue });
            Train("alpha 0.005 only", baseline with { LearningRate = fixes.LearningRate });
            Train("300 iterations only", baseline with { Iterations = fixes.Iterations });
            PrintTable("The article's fixes applied together", all);
            PrintComparison(runs);
        }
        PrintBaselines(corpus, baseline, runs);
        if (csvPath is not null) OutputFile.WriteText(csvPath, "CSV table", ToCsv(runs));
        return 0;
    }

    static void PrintBaselines(Corpus corpus, TrainingSettings settings, List<(string Name, ReproductionReport Report)> runs)
    {
        var vocabulary = Vocabulary.FromText(corpus.Text);
        var split = TextSplit.Create(vocabulary.Encode(corpus.Text), settings.ValidationFraction);
        if (split.Validation.Length < 2)
        {
            Console.WriteLine();
            Console.WriteLine("baselines: none, because the validation text is shorter than two characters.");
            return;
        }
        var lstm = new List<(string, double)>();
        foreach (var (name, r) in runs)
        {
            var scored = r.Log.Where(l => l.ValMeanCe is not null).ToList();
            if (scored.Count == 0) continue;
            var best = scored.MinBy(l => l.ValMeanCe!.Value)!;
            lstm.Add(($"LSTM '{name}', best (iteration {best.Iteration})", best.ValMeanCe!.Value));
            lstm.Add(($"LSTM '{name}', last (iteration {scored[^1].Iteration})", scored[^1].ValMeanCe!.Value));
        }
        string what = FormattableString.Invariant(
            $"the validation text (the last {settings.ValidationFraction * 100:0.#}% of the corpus, ") +
            FormattableString.Invariant($"{split.Validation.Length:N0} characters, V = {vocabulary.Size})");
        BaselinesBlock.Print(what, BaselineSuite.Measure(split.Train, split.Validation, vocabulary), lstm);
    }

    static string Describe(TrainingSettings s) => string.Create(CultureInfo.InvariantCulture,
        $"T={s.SeqLength} B={s.BatchSize} H={s.HiddenSize} E={s.EmbeddingSize} layers={s.Layers} {s.Optimizer} alpha={s.LearningRate} " +
            $"clip={(s.ClipValue is { } c ? $"value {c}" : s.ClipNorm is { } n ? $"norm {n}" : "off")} iterations={s.Iterations} seed={s.Seed}");

    static void PrintTable(string title, ReproductionReport report)
    {
        Console.WriteLine();
        Console.WriteLine($"{title}: {Describe(report.Settings)}");
        Console.WriteLine($"A fresh model's window loss is T*ln(V) = {report.UniformWindowLoss:F2}; the first window measured " +
            $"{report.FirstWindowLoss:F2}. " +
                          "Loss = window loss (cross-entropy summed over T characters) averaged over the iteration.");
        Console.WriteLine("Samples: greedy (argmax) from a cold '#', as in the article; nonsense = share of words absent from the training text; " +
                          "copied = share of 24-character n-grams found verbatim in it; md = share of lines that are Markdown blocks; loop = " +
                              "repeated tail.");
        Console.WriteLine();
        Console.WriteLine($"{"iter",4} | {"article",7} | {"article's words",-44} | {"loss",8} | {"ce/char",7} | {"val ce",6} | {"nonsense",8} | " +
            $"{"copied",6} | {"md",4} | {"loop",4} | measured label");
        Console.WriteLine(new string('-', 150));
        foreach (var row in report.Rows)
        {
            var d = row.Diagnostics;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Iteration,4} | {(row.Article is { } a ? a.Loss.ToString("F2", CultureInfo.InvariantCulture) : ""),7} | " +
                    $"{row.Article?.Quality ?? "",-44} | {row.Loss,8:F2} | {row.MeanCe,7:F3} | {row.ValMeanCe,6:F2} | {Percent(d.Nonsense.Rate),8} " +
                    $"| {Percent(d.Memorization.NgramRate),6} | {Percent(d.Markdown.StructuredRate),4} | {Percent(d.Repetition.LoopFraction),4} | " +
                    $"{row.Label}"));
            Console.WriteLine($"     sample: {Excerpt(row.Sample, 110)}");
            if (d.Repetition.LoopFraction > 0)
                Console.WriteLine($"     loop: \"{Excerpt(d.Repetition.Loop, 60)}\" repeats over the last {Percent(d.Repetition.LoopFraction)} of " +
                    "the sample");
            if (d.Nonsense.NonsenseWords.Count > 0)
            {
                Console.WriteLine($"     nonsense words: {string.Join(", ", d.Nonsense.NonsenseWords.Take(8))}");
                Console.WriteLine($"     of which invented {Percent(d.Nonsense.InventedRate)} of the words ({Listed(d.Nonsense.InventedWords)}), " +
                                  $"real English words the corpus never uses {Percent(d.Nonsense.UnseenRealRate)} " +
                                  $"({Listed(d.Nonsense.UnseenRealWords)})");
            }
        }
        Console.WriteLine();
        PrintCurve("Measured curve", report.Curve, report.Log.Count);
        if (report.ArticleCurve is { } ac) PrintCurve("The article's ten points", ac, 91);
    }

    static void PrintCurve(string name, CurveReport curve, int lastIteration)
    {
        string rebounds = curve.Rebounds.Count == 0 ? "none"
            : string.Join(", ", curve.Rebounds.Take(12).Select(Format)) + (curve.Rebounds.Count > 12 ? $", ... ({curve.Rebounds.Count} in all)" : "");
        Console.WriteLine($"{name}: rebounds {rebounds}");
        if (curve.Largest is { } largest) Console.WriteLine($"  largest rebound: {Format(largest)}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  still improving at {lastIteration}: {(curve.StillImproving ? "yes" : "no")} (slope {curve.FinalSlope:+0.0000;-0.0000} per " +
                $"iteration over the last points)"));
    }

    static string Format(Rebound r) => FormattableString.Invariant($"{r.Iteration}: {r.From:F2} -> {r.To:F2} (+{Percent(r.RelativeRise)})");

    static string Listed(IReadOnlyList<string> words) => words.Count == 0 ? "none" : string.Join(", ", words.Take(8));

    static string Percent(double share) => FormattableString.Invariant($"{share * 100:F0}%");

    static void PrintComparison(List<(string Name, ReproductionReport Report)> runs)
    {
        Console.WriteLine();
        Console.WriteLine("What each fix did (same corpus, seed and model; final = last iteration of that run):");
        Console.WriteLine($"{"run",-20} | {"iters",5} | {"loss@91",8} | {"final loss",10} | {"final val ce",12} | {"rebounds",8} | " +
            $"{"largest rebound",-26} | final label");
        foreach (var (name, r) in runs)
        {
            var at91 = r.Log.Count >= 91 ? r.Log[90].Loss : double.NaN;
            var last = r.Rows.LastOrDefault();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-20} | {r.Log.Count,5} | {at91,8:F2} | {r.FinalLoss,10:F2} | {r.Log[^1].ValMeanCe,12:F3} | {r.Curve.Rebounds.Count,8} | " +
                    $"{(r.Curve.Largest is { } l ? Format(l) : "none"),-26} | {last?.Label}"));
        }
        var baseline = runs[0].Report;
        Console.WriteLine();
        foreach (var (name, r) in runs.Skip(1))
        {
            double at91 = r.Log.Count >= 91 ? r.Log[90].Loss : r.FinalLoss;
            string end = r.Log.Count > 91 ? FormattableString.Invariant($", and {r.FinalLoss:F2} at iteration {r.Log.Count}") : "";
            // Formatting is culture-invariant: the projects run with InvariantGlobalization.
            Console.WriteLine($"{name}: loss at iteration 91 is {at91:F2} ({Compare(at91, baseline.FinalLoss)} the article's run, " +
                $"{baseline.FinalLoss:F2}){end}; " +
                              $"{r.Curve.Rebounds.Count} rebounds vs {baseline.Curve.Rebounds.Count}; final validation ce {r.Log[^1].ValMeanCe:F3} " +
                                  $"vs {baseline.Log[^1].ValMeanCe:F3}.");
        }
    }

    static string Compare(double value, double reference) =>
        Math.Abs(value - reference) <= 0.005 * Math.Abs(reference) ? "the same as" : value < reference ? "lower than" : "higher than";

    /// <summary>One line of a sample (plain ASCII on a terminal): newlines shown as \n, long runs of spaces counted.</summary>
    static string Excerpt(string text, int max) => VisibleText.Flatten(text, max, newline: "\\n", ellipsis: "...");

    static string ToCsv(List<(string Name, ReproductionReport Report)> runs)
    {
        var csv = new StringBuilder("run,iteration,loss,mean_ce,val_mean_ce,nonsense_rate,copied_ngram_rate,copied_line_rate," +
            "markdown_rate,loop_fraction,label,article_loss,article_quality,sample,invented_rate,unseen_real_rate\n");
        foreach (var (name, r) in runs)
            foreach (var row in r.Rows)
            {
                var d = row.Diagnostics;
                csv.Append(string.Create(CultureInfo.InvariantCulture,
                    $"{Quote(name)},{row.Iteration},{row.Loss:R},{row.MeanCe:R},{row.ValMeanCe:R},{d.Nonsense.Rate:R},{d.Memorization.NgramRate:R}," +
                    $"{d.Memorization.LineRate:R},{d.Markdown.StructuredRate:R},{d.Repetition.LoopFraction:R},{Quote(row.Label)}," +
                    $"{row.Article?.Loss:R},{Quote(row.Article?.Quality ?? "")},{Quote(row.Sample)}," +
                    $"{d.Nonsense.InventedRate:R},{d.Nonsense.UnseenRealRate:R}\n"));
            }
        return csv.ToString();
    }

    static string Quote(string s) => "\"" + s.Replace("\"", "\"\"") + "\"";
}
