using System.CommandLine;
using CharLstmLab.Files;
using CharLstmLab.Checkpoints;
using CharLstmLab.Interop;

namespace CharLstmLab.Cli;

static class ExportCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A checkpoint saved by 'train' or 'import'.", Required = true };
        var output = new Option<string>("--out")
            { Description = "The safetensors file to write (PyTorch nn.Embedding + nn.LSTM + nn.Linear names and layouts).", Required = true };
        var command = new Command("export", "Write a model's weights, vocabulary and settings as a safetensors file that PyTorch loads into nn.LSTM.")
            { model, output };
        command.SetAction(r =>
        {
            string from = r.GetValue(model)!, to = r.GetValue(output)!;
            PathConflicts.Refuse((to, "--out"), [(from, "--model")]);
            OutputFile.Check(to, "safetensors file");
            var checkpoint = Checkpoint.Load(from);
            TorchLayout.Export(checkpoint, to);
            var s = checkpoint.Model.Shape;
            Console.WriteLine($"exported V={s.VocabSize} E={s.EmbeddingSize} H={s.HiddenSize} layers={s.Layers} " +
                              $"({checkpoint.Model.ParameterCount:N0} parameters) to {to}");
            return 0;
        });
        return command;
    }
}
