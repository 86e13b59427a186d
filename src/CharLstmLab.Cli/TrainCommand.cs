using System.CommandLine;
using System.Text;
using CharLstmLab.Checkpoints;
using CharLstmLab.Files;
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
        var resume = new Option<string?>("--resume") { Description =
            "Continue training from this checkpoint; options you type override its settings." };
        var command = new Command("train", "Train a model and save it with its per-iteration log.") { data, output, log, resume };
        foreach (var option in settings.All) command.Options.Add(option);
        command.SetAction(r => Run(r, settings, r.GetValue(data)!, r.GetValue(output)!, r.GetValue(log), r.GetValue(resume), Cli.Cancellation));
        return command;
    }

    static int Run(ParseResult r, SettingsOptions options, string[] data, string output, string? logPath, string? resumePath,
        CancellationToken cancel)
    {
        // Everything that can be wrong is found before the first iteration: inputs, settings, then every output path.
        var corpus = Corpus.Load(data);
        var checkpoint = resumePath is null ? null : Checkpoint.Load(resumePath);
        var corpusFiles = corpus.Files.Select(f => (f, "the corpus file")).ToList();
        // --out may be the checkpoint it resumes (it is read whole first, and replaced atomically); the log may not.
        PathConflicts.Refuse((output, "--out"), corpusFiles);
        if (logPath is not null)
            PathConflicts.Refuse((logPath, "--log"),
                [.. corpusFiles, (output, "--out"), .. resumePath is null ? [] : new[] { (resumePath, "the resumed checkpoint") }]);
        var trainer = checkpoint is null
            ? new Trainer(corpus, options.Read(r))
            : checkpoint.Resume(corpus, options.Read(r, checkpoint.Settings));
        var s = trainer.Settings;
        if (trainer.CompletedIterations >= s.Iterations)
            throw new LabException($"The checkpoint has already trained {trainer.CompletedIterations} iterations and --iterations is " +
                $"{s.Iterations}, so there is nothing left to train; " +
                                   $"give --iterations {trainer.CompletedIterations + 1} or more.");
        // Weights and optimizer slots as float32, plus the header's log: a few hundred bytes per iteration and its samples
        // (a small model's checkpoint is mostly log). A lower bound, so a disk that passes may still fill; that is reported then.
        int samples = Enumerable.Range(1, s.Iterations).Count(s.SamplesAt);
        long checkpointBytes = sizeof(float) * (trainer.Model.ParameterCount + trainer.Optimizer.State.Sum(slot => (long)slot.Length))
                               + 256L * s.Iterations + (long)samples * (s.Prompt.Length + s.SampleLength);
        OutputFile.Check(output, "checkpoint", checkpointBytes);
        if (logPath is not null) OutputFile.Check(logPath, "log");

        Console.WriteLine($"corpus: {corpus.Text.Length:N0} characters from {corpus.Files.Count} file(s), vocabulary {trainer.Vocabulary.Size}, " +
                          $"{trainer.Split.Train.Length:N0} for training, {trainer.Split.Validation.Length:N0} for validation");
        Console.WriteLine($"model: H={s.HiddenSize} E={s.EmbeddingSize} layers={s.Layers}, {trainer.Model.ParameterCount:N0} parameters; " +
                          $"T={s.SeqLength} B={s.BatchSize}, {trainer.WindowsPerIteration} windows per iteration; {s.Optimizer} lr={s.LearningRate}" +
                          (s.Dropout > 0 ? $"; dropout {s.Dropout}" : ""));
        Console.WriteLine($"a fresh model's window loss is about T*ln(V) = {LossUnits.UniformWindowLoss(trainer.Vocabulary.Size, s.SeqLength):F2}");

        using var progress = new ProgressLine(s.Iterations);
        trainer.StepCompleted += progress.Step;
        trainer.IterationCompleted += entry =>
        {
            progress.Iteration(entry);
            if (logPath is not null) OutputFile.WriteText(logPath, "log", ToCsv(trainer.Log));
        };
        // On every way out the trainer is at the end of its last whole iteration (it restores that itself), so that is what is saved.
        string? failure = null;
        try
        {
            trainer.Run(cancel);
        }
        catch (DivergenceException e) { failure = e.Message; }
        catch (OperationCanceledException) { failure = "Training was cancelled."; }
        catch (LabException e) { failure = e.Message; } // an output that failed mid-run, e.g. a full disk under the log
        catch (OutOfMemoryException) { failure = Cli.OutOfMemory; }
        progress.Dispose();
        string? saveFailure = Save(trainer, output);
        if (failure is null && saveFailure is null)
        {
            if (trainer.Log.LastOrDefault(l => l.Sample is not null) is { } last)
                Console.WriteLine($"sample at iteration {last.Iteration}:\n{last.Sample}");
            return 0;
        }
        return Cli.Fail(string.Join(" ", new[] { failure, saveFailure }.OfType<string>()));
    }

    /// <summary>Saves the trainer's state; the sentence that says why it could not, or null.</summary>
    static string? Save(Trainer trainer, string path)
    {
        if (trainer.CompletedIterations == 0) return "No iteration finished, so no checkpoint was saved.";
        try
        {
            trainer.Save(path);
            Console.Error.WriteLine($"saved iteration {trainer.CompletedIterations} to {path}");
            return null;
        }
        catch (LabException e) { return e.Message; }
        catch (OutOfMemoryException) { return "There was not enough memory left to save the checkpoint."; }
    }

    public static string ToCsv(IEnumerable<IterationLog> log)
    {
        var csv = new StringBuilder(IterationLog.CsvHeader).Append('\n');
        foreach (var entry in log) csv.Append(entry.ToCsv()).Append('\n');
        return csv.ToString();
    }
}
