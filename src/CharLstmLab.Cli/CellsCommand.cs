using System.CommandLine;
using CharLstmLab.Files;
using CharLstmLab.Charts;
using CharLstmLab.Checkpoints;
using CharLstmLab.Inspection;
using CharLstmLab.Text;

namespace CharLstmLab.Cli;

static class CellsCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A checkpoint saved by 'train'.", Required = true };
        var data = Cli.Paths("--data", "The corpus (files or folders); its validation tail is the text analysed.", required: true);
        var output = new Option<string>("--out") { Description = "The HTML page to write.", Required = true };
        var fraction = Cli.Optional<double>("--val-fraction",
            "Share of the corpus (its tail) to analyse; default: the checkpoint's validation fraction.");
        var runs = Cli.Option("--baseline-runs", "Shuffled and shifted label draws per state.", 19);
        var command = new Command("cells",
            "Which cells track Markdown states (code, links, headings, ...), against shuffled and shifted labels, with a clamp test, " +
            "as an HTML page.")
            { model, data, output, fraction, runs };
        command.SetAction(r =>
        {
            // Everything that can be wrong is checked before the analysis starts.
            string outPath = r.GetValue(output)!;
            PathConflicts.Refuse((outPath, "--out"), [(r.GetValue(model)!, "--model"), .. r.GetValue(data)!.Select(d => (d, "--data"))]);
            OutputFile.Check(outPath, "cells page");
            int baselineRuns = r.GetValue(runs);
            if (baselineRuns < 1) throw new LabException($"--baseline-runs must be 1 or more, but it is {baselineRuns}.");
            var checkpoint = Checkpoint.Load(r.GetValue(model)!);
            var corpus = Corpus.Load(r.GetValue(data)!);
            double share = r.GetValue(fraction) ?? checkpoint.Settings.ValidationFraction;
            if (!(share > 0 && share < 1)) throw new LabException($"The share of the corpus to analyse must be between 0 and 1, but it is {share}.");
            checkpoint.Vocabulary.Encode(corpus.Text); // a character the model never saw: one sentence, before any work

            var options = new CellAnalysisOptions { BaselineRuns = baselineRuns };
            var analysis = CellAnalysis.OnValidation(checkpoint.Model, checkpoint.Vocabulary, corpus.Text, share, options);
            var shape = checkpoint.Model.Shape;
            string description = $"{Path.GetFileName(r.GetValue(model))}: {shape.Layers} layer(s) of {shape.HiddenSize} cells, " +
                $"trained {checkpoint.Iteration} iterations; the last {share:P0} of the corpus ({analysis.HeldOut.Length:N0} characters), " +
                $"read from the zero state; mean loss {analysis.MeanLoss:F3} nats per character.";
            OutputFile.WriteText(outPath, "cells page", CellsPage.Render(analysis, "What the cells learned", description));
            foreach (var report in analysis.States)
                Console.WriteLine(report.Finding is { } f
                    ? $"{report.Name,-14} {f.Best,-8} {f.Measure} {f.Value:F3}  shuffled {f.ShuffledBaseline:F3}  shifted {f.ShiftedBaseline:F3}  " +
                      (f.AboveBaseline ? "beats both" : "does not beat the baselines")
                    : $"{report.Name,-14} not in the text");
            if (analysis.LineCounter is { } line)
                Console.WriteLine($"{"position in line",-14} {line.Best,-8} r {line.Value:F3}  shuffled {line.ShuffledBaseline:F3}  " +
                    $"shifted {line.ShiftedBaseline:F3}  {(line.AboveBaseline ? "beats both" : "does not beat the baselines")}");
            Console.WriteLine($"wrote {outPath}");
            return 0;
        });
        return command;
    }
}
