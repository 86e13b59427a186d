using System.CommandLine;
using CharLstmLab.Files;
using CharLstmLab.Interop;

namespace CharLstmLab.Cli;

static class ImportCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from")
            { Description = "A safetensors file with PyTorch nn.Embedding + nn.LSTM + nn.Linear weights and a 'vocabulary' in its metadata.",
                Required = true };
        var output = new Option<string>("--out") { Description = "The checkpoint to write.", Required = true };
        var command = new Command("import",
            "Turn a safetensors file (from 'export' or from PyTorch) into a checkpoint. It has no optimizer state or log: " +
            "'train --resume' on it starts a new run from these weights.") { from, output };
        command.SetAction(r =>
        {
            string source = r.GetValue(from)!, to = r.GetValue(output)!;
            PathConflicts.Refuse((to, "--out"), [(source, "--from")]);
            OutputFile.Check(to, "checkpoint");
            var checkpoint = TorchLayout.Import(source);
            checkpoint.Save(to);
            var s = checkpoint.Model.Shape;
            Console.WriteLine($"imported V={s.VocabSize} E={s.EmbeddingSize} H={s.HiddenSize} layers={s.Layers} " +
                              $"({checkpoint.Model.ParameterCount:N0} parameters) to {to}");
            return 0;
        });
        return command;
    }
}
