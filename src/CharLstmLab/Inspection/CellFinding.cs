namespace CharLstmLab.Inspection;

/// <summary>
/// The cell whose c tracks one state best, on one text. <paramref name="Value"/> is its ROC AUC
/// (states) or Pearson correlation (counters); an AUC below 0.5 or a negative r means the cell is
/// low where the state holds. <paramref name="Score"/> is the direction-free strength,
/// max(AUC, 1 - AUC) or |r|, which is what the best cell is chosen by.
/// The two baselines are the best score over all cells again, with the labels shuffled character by
/// character, and shifted circularly (which keeps the runs of the state intact, the stricter test);
/// each is the highest over <paramref name="BaselineRuns"/> draws, so beating both is a permutation test
/// at p &lt; 1 / (runs + 1).
/// </summary>
public sealed record CellFinding(string State, string Measure, int Inside, int Length, CellId Best, double Value, double Score,
    double ShuffledBaseline, double ShiftedBaseline, int BaselineRuns)
{
    public bool AboveBaseline => Score > ShuffledBaseline && Score > ShiftedBaseline;
    public double Share => Length == 0 ? 0 : (double)Inside / Length;
}
