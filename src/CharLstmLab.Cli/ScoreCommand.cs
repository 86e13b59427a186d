using System.CommandLine;
using CharLstmLab.Checkpoints;
using CharLstmLab.Text;
using CharLstmLab.Training;

namespace CharLstmLab.Cli;

static class ScoreCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A checkpoint saved by 'train'.", Required = true };
        var text = new Option<string>("--text") { Description = "A UTF-8 text file to score.", Required = true };
        var command = new Command("score", "Cross-entropy, perplexity and bits per character of a model on a text.") { model, text };
        command.SetAction(r =>
        {
            var checkpoint = Checkpoint.Load(r.GetValue(model)!);
            var corpus = Corpus.Load(r.GetValue(text)!);
            double ce = Evaluator.MeanCrossEntropy(checkpoint.Model, checkpoint.Vocabulary.Encode(corpus.Text), Cli.Cancellation);
            var units = LossUnits.FromMeanCrossEntropy(ce, checkpoint.Settings.SeqLength);
            Console.WriteLine($"characters        {corpus.Text.Length}");
            Console.WriteLine($"cross-entropy     {ce:F4} nats/char");
            Console.WriteLine($"perplexity        {units.Perplexity:F3}");
            Console.WriteLine($"bits per char     {units.BitsPerCharacter:F4}");
            Console.WriteLine($"window loss (T={checkpoint.Settings.SeqLength}) {units.WindowLoss:F3}");
            return 0;
        });
        return command;
    }
}
