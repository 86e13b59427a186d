using CharLstmLab.Model;
using CharLstmLab.Text;

namespace CharLstmLab.Training;

/// <summary>
/// Where a training run stands after some iterations: what <see cref="Trainer.Continue"/> resumes
/// from (a checkpoint holds exactly this; Training knows nothing about the file).
/// </summary>
public sealed record RunState(CharLstm Model, Vocabulary Vocabulary, TrainingSettings Settings, OptimizerKind OptimizerKind,
    long OptimizerSteps, float[][] OptimizerState, IReadOnlyList<IterationLog> Log);
