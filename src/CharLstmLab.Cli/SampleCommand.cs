using System.CommandLine;
using System.Text;
using CharLstmLab.Checkpoints;
using CharLstmLab.Compute;
using CharLstmLab.Sampling;

namespace CharLstmLab.Cli;

static class SampleCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A checkpoint saved by 'train'.", Required = true };
        var prompt = Cli.Option("--prompt", "Text that warms the hidden state up before generation (\"#\" is a cold start).", "#");
        var promptFile = Cli.PromptFile();
        var length = Cli.Option("--length", "Characters to generate after the prompt.", 500);
        var greedy = new Option<bool>("--greedy") { Description = "Always take the most likely character (argmax)." };
        var temperature = Cli.Optional<double>("--temperature",
            $"Sample from softmax(logits / T) (default {SamplerSettings.DefaultTemperature} when no other sampler is chosen).");
        var topK = Cli.Optional<int>("--top-k", "Sample among the k most likely characters.");
        var topP = Cli.Optional<double>("--top-p", "Sample within the smallest set of characters whose probability reaches p.");
        var beam = Cli.Optional<int>("--beam",
            "Beam search of this width: the most probable continuation of exactly --length characters found (1 = greedy).");
        var seed = Cli.Option("--seed", "Seed of the random draws.", 1);
        var threads = Cli.Option("--threads",
            "Threads for each step's products (they help from about H = 512); 0 = all cores. The text does not depend on it.", 0);
        var command = new Command("sample", "Generate text from a trained model; the text (prompt included) goes to stdout only, as it is generated.")
            { model, prompt, promptFile, length, greedy, temperature, topK, topP, beam, seed, threads };
        command.SetAction(r =>
        {
            if (r.GetValue(beam) is { } width)
            {
                if (r.GetValue(greedy) || r.GetValue(temperature) is not null || r.GetValue(topK) is not null || r.GetValue(topP) is not null)
                    throw new LabException("--beam takes no --greedy, temperature, top-k or top-p; choose one way to pick characters.");
                if (width < 1) throw new LabException($"--beam must be 1 or more, but it is {width}.");
                string beamPrompt = Cli.Prompt(r, prompt, promptFile) ?? r.GetValue(prompt)!;
                var loaded = Checkpoint.Load(r.GetValue(model)!);
                // Beam search knows its text only at the end: it cannot stream.
                var result = BeamSearch.Generate(loaded.Model, loaded.Vocabulary, beamPrompt, r.GetValue(length), width);
                Console.Out.Write(result.ToString());
                Console.Out.Write('\n');
                return 0;
            }
            var sampler = Choose(r.GetValue(greedy), r.GetValue(temperature), r.GetValue(topK), r.GetValue(topP)).Create();
            var compute = new ComputeContext(r.GetValue(threads));
            string text = Cli.Prompt(r, prompt, promptFile) ?? r.GetValue(prompt)!;
            var checkpoint = Checkpoint.Load(r.GetValue(model)!);
            var characters = new TextGenerator(checkpoint.Model, checkpoint.Vocabulary, compute).Stream(text, r.GetValue(length), sampler,
                new Random(r.GetValue(seed)));
            Write(text, characters, Cli.Cancellation);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Writes as it generates, through a buffer (one write per character would cost a system call
    /// each); on a terminal every line is flushed so the text appears while it is made.
    /// </summary>
    static void Write(string prompt, IEnumerable<char> characters, CancellationToken cancel)
    {
        bool live = !Console.IsOutputRedirected;
        using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 14);
        stdout.Write(prompt);
        foreach (char c in characters)
        {
            if (cancel.IsCancellationRequested)
            {
                stdout.Write('\n');
                stdout.Flush();
                throw new LabException("Stopped by Ctrl+C or SIGTERM; the text so far was written.");
            }
            stdout.Write(c);
            if (live && c == '\n') stdout.Flush();
        }
        stdout.Write('\n');
    }

    static SamplerSettings Choose(bool greedy, double? temperature, int? topK, double? topP)
    {
        if (greedy && (temperature is not null || topK is not null || topP is not null))
            throw new LabException("--greedy takes no temperature, top-k or top-p; choose one way to pick characters.");
        if (topK is not null && topP is not null) throw new LabException("Choose either --top-k or --top-p, not both.");
        if (greedy) return new SamplerSettings(SamplerKind.Greedy);
        var kind = topK is not null ? SamplerKind.TopK : topP is not null ? SamplerKind.TopP : SamplerKind.Temperature;
        // Top-k and top-p already cut the tail, so their draw is at temperature 1 unless one is typed.
        double t = temperature ?? (kind == SamplerKind.Temperature ? SamplerSettings.DefaultTemperature : 1.0);
        var defaults = new SamplerSettings();
        return new SamplerSettings(kind, t, topK ?? defaults.TopK, topP ?? defaults.TopP);
    }
}
