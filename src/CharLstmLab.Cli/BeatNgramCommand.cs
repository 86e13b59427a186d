using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CharLstmLab.Reproduction;
using CharLstmLab.Text;

namespace CharLstmLab.Cli;

static class BeatNgramCommand
{
    public static Command Create()
    {
        var small = Cli.Paths("--small", "The small corpus (default: the bundled data/small).", required: false);
        var large = Cli.Paths("--large", "The large corpus (default: the bundled data/large).", required: false);
        var seeds = Cli.Option("--seeds", "Training seeds per variant (1 to N); an interval needs at least 2.", 3);
        var threads = Cli.Option("--threads",
            "Runs trained at the same time, one thread each; 0 = one per core. The table does not depend on it.", 0);
        var command = new Command("beat-ngram",
            "What does it take for the LSTM to beat the Kneser-Ney 5-gram on held-out text? More data, a bigger or deeper model, " +
            "stopping by validation; over seeds, as a Markdown table.")
            { small, large, seeds, threads };
        command.SetAction(r =>
        {
            var settings = new NgramChallengeSettings { Threads = r.GetValue(threads) }.WithSeeds(r.GetValue(seeds));
            settings.Validate();
            var smallCorpus = Corpus.Load(r.GetValue(small) is { Length: > 0 } s ? s : [Cli.BundledData("small")]);
            var largeCorpus = Corpus.Load(r.GetValue(large) is { Length: > 0 } l ? l : [Cli.BundledData("large")]);
            var clock = Stopwatch.StartNew();
            var rows = NgramChallenge.Run(smallCorpus, largeCorpus, settings, line => Console.Error.WriteLine($"  {line}"), Cli.Cancellation);
            Console.Write(NgramChallenge.ToMarkdown(rows));
            Console.WriteLine();
            Console.WriteLine(NgramChallenge.Reading(rows));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"charlstm beat-ngram: {rows.Count} variants x {settings.Seeds.Count} seed(s) in {clock.Elapsed.TotalSeconds:F1} s."));
            return 0;
        });
        return command;
    }
}
