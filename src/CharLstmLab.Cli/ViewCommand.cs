using System.CommandLine;
using CharLstmLab.Charts;
using CharLstmLab.Checkpoints;
using CharLstmLab.Diagnostics;
using CharLstmLab.Files;
using CharLstmLab.Inspection;
using CharLstmLab.Sampling;
using CharLstmLab.Text;

namespace CharLstmLab.Cli;

static class ViewCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A checkpoint saved by 'train'.", Required = true };
        var text = new Option<string?>("--text") { Description = "The text to read, as typed." };
        var textFile = new Option<string?>("--text-file")
            { Description = $"Read the text from this UTF-8 file (at most {Bytes.Describe(Cli.MaxPromptBytes)})." };
        var sample = Cli.Optional<int>("--sample", "Generate this many characters (temperature --temperature, after --prompt) and read them.");
        var prompt = Cli.Option("--prompt", "The context fed before the text is scored (\"\": none, the text's first character is the context).", "");
        var temperature = Cli.Option("--temperature", "The temperature of --sample.", 0.8);
        var seed = Cli.Option("--seed", "Seed of --sample's draws.", 1);
        var data = Cli.Paths("--data",
            "The corpus the model was trained on: its training part decides which words are invented and where each left the corpus's words.",
            required: false);
        var colour = Cli.Option("--colour", "What the background shows: probability or surprisal.", CharacterColour.Probability);
        var output = new Option<string>("--out") { Description = "The HTML page to write.", Required = true };
        var command = new Command("view",
            "Each character of a text coloured by the probability the model gave it, with its top-5 alternatives " +
            "and the departure points of invented words, as an HTML page.")
            { model, text, textFile, sample, prompt, temperature, seed, data, colour, output };
        command.SetAction(r =>
        {
            // Everything that can be wrong is checked before the model reads a character.
            string outPath = r.GetValue(output)!;
            string? typed = r.GetValue(text), file = r.GetValue(textFile);
            int? generate = r.GetValue(sample);
            if ((typed is null ? 0 : 1) + (file is null ? 0 : 1) + (generate is null ? 0 : 1) != 1)
                throw new LabException("Give exactly one of --text, --text-file and --sample.");
            if (generate is < 1) throw new LabException($"--sample must be 1 or more characters, but it is {generate}.");
            double t = r.GetValue(temperature);
            if (generate is not null && !(t > 0 && double.IsFinite(t))) throw new LabException($"--temperature must be above 0, but it is {t}.");
            var dataPaths = r.GetValue(data) ?? [];
            PathConflicts.Refuse((outPath, "--out"),
                [(r.GetValue(model)!, "--model"), .. file is null ? [] : new[] { (file, "--text-file") }, .. dataPaths.Select(d => (d, "--data"))]);
            OutputFile.Check(outPath, "view page");
            var checkpoint = Checkpoint.Load(r.GetValue(model)!);
            var vocabulary = checkpoint.Vocabulary;
            string context = r.GetValue(prompt)!;
            if (generate is not null && context.Length == 0) context = "#"; // a sample needs a start; "#" is the cold start
            string read = file is not null ? TextFile.Read(file, "text file", Cli.MaxPromptBytes).Replace("\r\n", "\n") : typed ?? "";
            vocabulary.Encode(context + read); // a character the model never saw: one sentence, before any work
            if (generate is null && context.Length == 0 && read.Length < 2)
                throw new LabException("The text needs at least two characters (the first is the context), or give a --prompt.");
            CorpusIndex? index = null;
            if (dataPaths.Length > 0)
            {
                var corpus = Corpus.Load(dataPaths);
                var split = TextSplit.Create(vocabulary.Encode(corpus.Text), checkpoint.Settings.ValidationFraction);
                index = new CorpusIndex(vocabulary.Decode(split.Train));
            }

            string source = "the text given";
            if (generate is { } n)
            {
                read = new TextGenerator(checkpoint.Model, vocabulary).Generate(context, n, new TemperatureSampler(t),
                    new Random(r.GetValue(seed))).Text;
                source = $"a sample of {n} characters at T = {t} (seed {r.GetValue(seed)})";
            }
            var reading = CharacterReader.Read(checkpoint.Model, vocabulary, read, context.Length == 0 ? null : context, index);
            string description = $"{Path.GetFileName(r.GetValue(model))}, trained {checkpoint.Iteration} iterations, reading {source}: " +
                $"{reading.Scores.Count:N0} characters scored, mean surprisal {reading.MeanSurprisal:F3} nats per character" +
                (index is null ? "; no --data, so no word is judged invented." : $"; {reading.Departures.Count} invented word(s) marked.");
            OutputFile.WriteText(outPath, "view page", CharacterViews.Page(reading, "The text as the model read it", description,
                r.GetValue(colour)));
            Console.WriteLine(description);
            foreach (var d in reading.Departures)
                Console.WriteLine($"{d.Word,-16} left the corpus's words at offset {d.Position - d.WordStart}" + (d.EndedEarly ? " (its end)" : "") +
                    $" with '{CharLabels.Of(d.Score.Character)}' (p {d.Score.Probability:F3}); the model preferred " +
                    $"'{CharLabels.Of(d.Score.Preferred.Character)}' (p {d.Score.Preferred.Probability:F3})");
            Console.WriteLine($"wrote {outPath}");
            return 0;
        });
        return command;
    }
}
