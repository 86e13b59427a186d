namespace CharLstmLab.Reproduction;

/// <summary>
/// The claims table: one row per claim in the order (a) to (f), and one sentence for each claim the
/// settings could not measure (a run too short to reach iteration 91, a prompt the corpus cannot spell).
/// </summary>
public sealed record ClaimsReport(IReadOnlyList<ClaimEvidence> Rows, IReadOnlyList<string> NotMeasured, int TrainedRuns);
