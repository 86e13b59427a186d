using System.CommandLine;
using System.Text;
using CharLstmLab.Checkpoints;
using CharLstmLab.Text;
using CharLstmLab.Training;

namespace CharLstmLab.Cli;

static class TrainCommand
{
    public static Command Create()
    {
        var settings = new SettingsOptions();
        var data = Cli.Paths("--data", "Markdown files or folders of .md files to train on.", required: true);
        var output = Cli.Option("--out", "Where to save the trained model (checkpoint).", "model.clm");
        var log = new Option<string?>("--log") { Description = "Write the per-iteration log as CSV to this file." };
        var resume = new Option<string?>("--resume") { Description = "Continue training from this checkpoint; options you type override its settings." };
        var command = new Command("train", "Train a model and save it with its per-iteration log.") { data, output, log, resume };
        foreach (var option in settings.All) command.Options.Add(option);
        command.SetAction(r => Run(r, settings, r.GetValue(data)!, r.GetValue(output)!, r.GetValue(log), r.GetValue(resume), Cli.Cancellation));
        return command;
    }

    static int Run(ParseResult r, SettingsOptions options, string[] data, string output, string? logPath, string? resumePath, CancellationToken cancel)
    {
        var corpus = Corpus.Load(data);
        Trainer trainer;
        if (resumePath is null) trainer = new Trainer(corpus, options.Read(r));
        else
        {
            var checkpoint = Checkpoint.Load(resumePath);
            trainer = Trainer.Resume(checkpoint, corpus, options.Read(r, checkpoint.Settings));
        }
        var s = trainer.Settings;
        Console.WriteLine($"corpus: {corpus.Text.Length:N0} characters from {corpus.Files.Count} file(s), vocabulary {trainer.Vocabulary.Size}, " +
                          $"{trainer.Split.Train.Length:N0} for training, {trainer.Split.Validation.Length:N0} for validation");
        Console.WriteLine($"model: H={s.HiddenSize} E={s.EmbeddingSize} layers={s.Layers}, {trainer.Model.ParameterCount:N0} parameters; " +
                          $"T={s.SeqLength} B={s.BatchSize}, {trainer.WindowsPerIteration} windows per iteration; {s.Optimizer} lr={s.LearningRate}");
        Console.WriteLine($"a fresh model's window loss is about T*ln(V) = {LossUnits.UniformWindowLoss(trainer.Vocabulary.Size, s.SeqLength):F2}");

        using var progress = new ProgressLine(s.Iterations);
        trainer.StepCompleted += progress.Step;
        trainer.IterationCompleted += entry =>
        {
            progress.Iteration(entry);
            if (logPath is not null) Cli.WriteAtomically(logPath, ToCsv(trainer.Log));
        };
        try
        {
            trainer.Run(cancel);
        }
        catch (DivergenceException e)
        {
            progress.Dispose();
            Save(trainer, output, "the last good state");
            return Cli.Fail(e.Message);
        }
        catch (OperationCanceledException)
        {
            progress.Dispose();
            Save(trainer, output, $"iteration {trainer.CompletedIterations}");
            return Cli.Fail("Training was cancelled.");
        }
        progress.Dispose();
        Save(trainer, output, $"iteration {trainer.CompletedIterations}");
        if (trainer.Log.LastOrDefault(l => l.Sample is not null) is { } last)
            Console.WriteLine($"sample at iteration {last.Iteration}:\n{last.Sample}");
        return 0;
    }

    static void Save(Trainer trainer, string path, string what)
    {
        if (trainer.CompletedIterations == 0) return;
        trainer.ToCheckpoint().Save(path);
        Console.Error.WriteLine($"saved {what} to {path}");
    }

    public static string ToCsv(IEnumerable<IterationLog> log)
    {
        var csv = new StringBuilder(IterationLog.CsvHeader).Append('\n');
        foreach (var entry in log) csv.Append(entry.ToCsv()).Append('\n');
        return csv.ToString();
    }
}
