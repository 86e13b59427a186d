using System.CommandLine;
using CharLstmLab;
using CharLstmLab.Cli;

var root = new RootCommand("charlstm: train a character-level LSTM on Markdown and read its training signals.")
{
    TrainCommand.Create(),
    SampleCommand.Create(),
    ScoreCommand.Create(),
    TableCommand.Create(),
    DiagnoseCommand.Create(),
    ExportCommand.Create(),
    ImportCommand.Create(),
    CellsCommand.Create(),
    ClaimsCommand.Create(),
    ViewCommand.Create(),
    BeatNgramCommand.Create(),
};
// With no arguments at all, run the main job: the article's loss table on the bundled small corpus.
return Cli.Run(root, args.Length == 0 ? ["table"] : args);
