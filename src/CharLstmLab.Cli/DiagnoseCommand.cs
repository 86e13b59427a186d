using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CharLstmLab.Checkpoints;
using CharLstmLab.Diagnostics;
using CharLstmLab.Sampling;
using CharLstmLab.Text;

namespace CharLstmLab.Cli;

static class DiagnoseCommand
{
    /// <summary>
    /// Averages over a strategy's samples; greedy and beam search are deterministic, so they have one sample.
    /// Nonsense (absent from the corpus) splits into invented words and real English words the corpus never uses.
    /// </summary>
    public sealed record StrategyResult(string Strategy, int Samples, double NonsenseRate, double CopiedNgramRate, double CopiedLineRate,
        double MarkdownRate, double LoopFraction, double DistinctNgramRatio, string Label, IReadOnlyList<string> NonsenseWords, string FirstSample,
        double InventedRate, double UnseenRealRate, IReadOnlyList<string> InventedWords, IReadOnlyList<string> UnseenRealWords);

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A checkpoint saved by 'train'.", Required = true };
        var data = Cli.Paths("--data", "The corpus the model was trained on (files or folders).", required: true);
        var samples = Cli.Option("--samples", "Samples per sampling strategy (seeds 1..N).", 5);
        var length = Cli.Option("--length", "Characters per sample.", 400);
        var prompt = Cli.Option("--prompt", "Prompt that warms the state up (\"#\" is a cold start).", "#");
        var promptFile = Cli.PromptFile();
        var beam = Cli.Option("--beam", "Width of the beam-search strategy (0 leaves it out).", 5);
        var json = new Option<bool>("--json") { Description = "Print the numbers as JSON instead of a table." };
        var command = new Command("diagnose", "Measure nonsense words, copying, Markdown structure and loops in samples, for greedy decoding, beam " +
            "search and several temperatures.")
            { model, data, samples, length, prompt, promptFile, beam, json };
        command.SetAction(r =>
        {
            int n = r.GetValue(samples), len = r.GetValue(length);
            if (n <= 0) throw new LabException($"--samples must be 1 or more, but it is {n}.");
            if (len < 0) throw new LabException($"--length must be zero or more, but it is {len}.");
            int width = r.GetValue(beam);
            if (width < 0) throw new LabException($"--beam must be 0 (none) or more, but it is {width}.");
            string text = Cli.Prompt(r, prompt, promptFile) ?? r.GetValue(prompt)!;
            var checkpoint = Checkpoint.Load(r.GetValue(model)!);
            var corpus = Corpus.Load(r.GetValue(data)!);
            foreach (char c in text) checkpoint.Vocabulary.IdOf(c); // a prompt the model cannot read fails before the corpus is indexed
            var results = Measure(checkpoint, new CorpusIndex(corpus.Text), text, n, len, width, Cli.Cancellation);
            if (r.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
            else Print(results);
            return 0;
        });
        return command;
    }

    static readonly (string Name, SamplerSettings Sampler)[] Strategies =
    [
        ("greedy", new(SamplerKind.Greedy)),
        ("temperature 0.5", new(SamplerKind.Temperature, 0.5)),
        ("temperature 0.8", new(SamplerKind.Temperature, 0.8)),
        ("temperature 1.0", new(SamplerKind.Temperature, 1.0)),
        ("temperature 1.5", new(SamplerKind.Temperature, 1.5)),
        ("top-p 0.9", new(SamplerKind.TopP, 1.0, TopP: 0.9)),
    ];

    static List<StrategyResult> Measure(Checkpoint checkpoint, CorpusIndex index, string prompt, int samples, int length, int beamWidth,
        CancellationToken cancel)
    {
        var generator = new TextGenerator(checkpoint.Model, checkpoint.Vocabulary);
        // A greedy text uses no randomness: one sample is all of them.
        var strategies = Strategies.Select(s => (s.Name, Count: s.Sampler.Kind == SamplerKind.Greedy ? 1 : samples,
            Generate: (Func<int, string>)(seed => generator.Generate(prompt, length, s.Sampler.Create(), new Random(seed)).Text))).ToList();
        if (beamWidth > 0)
            strategies.Insert(1, ($"beam {beamWidth}", 1,
                _ => BeamSearch.Generate(checkpoint.Model, checkpoint.Vocabulary, prompt, length, beamWidth).Text));
        var results = new List<StrategyResult>();
        foreach (var (name, count, generate) in strategies)
        {
            var texts = Enumerable.Range(1, count).Select(seed =>
            {
                cancel.ThrowIfCancellationRequested();
                return generate(seed);
            }).ToList();
            var d = texts.Select(t => SampleDiagnostics.Measure(t, index)).ToList();
            results.Add(new StrategyResult(name, count,
                d.Average(x => x.Nonsense.Rate), d.Average(x => x.Memorization.NgramRate), d.Average(x => x.Memorization.LineRate),
                d.Average(x => x.Markdown.StructuredRate), d.Average(x => x.Repetition.LoopFraction), d.Average(x => x.Repetition.DistinctNgramRatio),
                QualityLabel.For(d[0]), d.SelectMany(x => x.Nonsense.NonsenseWords).Distinct().Take(12).ToList(), texts[0],
                d.Average(x => x.Nonsense.InventedRate), d.Average(x => x.Nonsense.UnseenRealRate),
                d.SelectMany(x => x.Nonsense.InventedWords).Distinct().Take(12).ToList(),
                d.SelectMany(x => x.Nonsense.UnseenRealWords).Distinct().Take(12).ToList()));
        }
        return results;
    }

    static void Print(List<StrategyResult> results)
    {
        Console.WriteLine($"{"strategy",-16} | {"samples",7} | {"nonsense",8} | {"invented",8} | {"real unseen",11} | {"copied 24-grams",15} | " +
            $"{"copied lines",12} | {"markdown",8} | {"loop",5} | label of the first sample");
        foreach (var r in results)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Strategy,-16} | {r.Samples,7} | {r.NonsenseRate * 100,7:F1}% | {r.InventedRate * 100,7:F1}% | {r.UnseenRealRate * 100,10:F1}% " +
                    $"| {r.CopiedNgramRate * 100,14:F1}% | {r.CopiedLineRate * 100,11:F1}% | {r.MarkdownRate * 100,7:F1}% | " +
                    $"{r.LoopFraction * 100,4:F0}% | {r.Label}"));
        Console.WriteLine();
        foreach (var r in results.Where(r => r.NonsenseWords.Count > 0))
        {
            Console.WriteLine($"{r.Strategy}: nonsense words {string.Join(", ", r.NonsenseWords)}");
            Console.WriteLine($"  invented: {Listed(r.InventedWords)}; real English words the corpus never uses: {Listed(r.UnseenRealWords)}");
        }
    }

    static string Listed(IReadOnlyList<string> words) => words.Count == 0 ? "none" : string.Join(", ", words);
}
