using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CharLstmLab.Reproduction;
using CharLstmLab.Text;

namespace CharLstmLab.Cli;

static class ClaimsCommand
{
    public static Command Create()
    {
        var data = Cli.Paths("--data", "Corpus files or folders (default: the bundled small corpus).", required: false);
        var seeds = Cli.Option("--seeds", "Training seeds per claim (1 to N); an interval needs at least 2.", 3);
        var threads = Cli.Option("--threads",
            "Runs trained at the same time, one thread each; 0 = one per core. The table does not depend on it.", 0);
        var command = new Command("claims", "Measure each of the article's claims over several training seeds and print one Markdown table: claim, " +
            "verdict, evidence, where.")
            { data, seeds, threads };
        command.SetAction(r => Run(r.GetValue(data), r.GetValue(seeds), r.GetValue(threads)));
        return command;
    }

    static int Run(string[]? data, int seeds, int threads)
    {
        var settings = new ClaimsTableSettings { Threads = threads }.WithSeeds(seeds);
        var corpus = Corpus.Load(data is { Length: > 0 } ? data : [Cli.BundledData("small")]);
        // A table has nothing to save half-way, so Ctrl+C stops at once rather than at the end of every run.
        using var stop = Cli.Cancellation.Register(() => Environment.Exit(Cli.Fail("Stopped.")));
        var clock = Stopwatch.StartNew();
        var report = ClaimsTable.Run(corpus, settings, line => Console.Error.WriteLine($"  {line}"));
        Console.Write(ClaimsTable.ToMarkdown(report));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"charlstm claims: {report.Rows.Count} rows from {report.TrainedRuns} runs in {clock.Elapsed.TotalSeconds:F1} s " +
                $"({settings.Seeds.Count} training seed(s))."));
        return 0;
    }
}
