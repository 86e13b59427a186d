using System.CommandLine;
using CharLstmLab.Baselines;
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
        var data = Cli.Paths("--data",
            "The corpus the model was trained on: its training part fits the baselines (n-grams, compressors) scored on the same text.",
                required: false);
        var command = new Command("score", "Cross-entropy, perplexity and bits per character of a model on a text, beside baselines.")
            { model, text, data };
        command.SetAction(r =>
        {
            var checkpoint = Checkpoint.Load(r.GetValue(model)!);
            var corpus = Corpus.Load(r.GetValue(text)!);
            var training = r.GetValue(data) is { Length: > 0 } paths ? Corpus.Load(paths) : null;
            int[] scored = checkpoint.Vocabulary.Encode(corpus.Text);
            // The model trained on the corpus minus its validation tail, so the baselines see exactly that text.
            // Split before scoring, so a corpus the vocabulary cannot encode fails before any work.
            var split = training is null
                ? null
                : TextSplit.Create(checkpoint.Vocabulary.Encode(training.Text), checkpoint.Settings.ValidationFraction);
            double ce = Evaluator.MeanCrossEntropy(checkpoint.Model, scored, Cli.Cancellation);
            var units = LossUnits.FromMeanCrossEntropy(ce, checkpoint.Settings.SeqLength);
            Console.WriteLine($"characters        {corpus.Text.Length}");
            Console.WriteLine($"cross-entropy     {ce:F4} nats/char");
            Console.WriteLine($"perplexity        {units.Perplexity:F3}");
            Console.WriteLine($"bits per char     {units.BitsPerCharacter:F4}");
            Console.WriteLine($"window loss (T={checkpoint.Settings.SeqLength}) {units.WindowLoss:F3}");
            if (split is null) Console.WriteLine(BaselinesBlock.NeedsTrainingText);
            else
            {
                var scores = BaselineSuite.Measure(split.Train, scored, checkpoint.Vocabulary);
                BaselinesBlock.Print($"the scored text ({corpus.Text.Length:N0} characters)", scores, [("the LSTM (this checkpoint)", ce)]);
            }
            return 0;
        });
        return command;
    }
}
