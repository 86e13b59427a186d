using System.CommandLine;
using CharLstmLab;
using CharLstmLab.Cli;

var root = new RootCommand("charlstm: train a character-level LSTM on Markdown and read its training signals.")
{
    TrainCommand.Create(),
    SampleCommand.Create(),
    ScoreCommand.Create(),
};
// With no arguments at all, run the main job: the article's loss table on the bundled small corpus.
if (args.Length == 0) Console.Error.WriteLine("charlstm: no command given; running 'charlstm --help'.");
return Cli.Run(root, args.Length == 0 ? ["--help"] : args);
