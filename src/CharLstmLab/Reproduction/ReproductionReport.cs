using CharLstmLab.Diagnostics;
using CharLstmLab.Training;

namespace CharLstmLab.Reproduction;

/// <summary>A whole reproduced run: its log, the table rows, and what the loss curves say.</summary>
public sealed record ReproductionReport(
    TrainingSettings Settings,
    int VocabSize,
    IReadOnlyList<IterationLog> Log,
    IReadOnlyList<ReproductionRow> Rows,
    CurveReport Curve,
    CurveReport? ArticleCurve)
{
    /// <summary>T * ln V: the window loss of a model that knows nothing.</summary>
    public double UniformWindowLoss => LossUnits.UniformWindowLoss(VocabSize, Settings.SeqLength);
    public double FirstWindowLoss => Log[0].FirstWindowLoss;
    public double FinalLoss => Log[^1].Loss;
}
