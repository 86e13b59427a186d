namespace CharLstmLab.Inspection;

/// <summary>
/// Knobs of a <see cref="CellAnalysis"/>: baseline draws per state, the seed of the baselines and the
/// control cells, whether to run the clamp tests (one extra pass over the text per state and control),
/// and the recording's memory cap.
/// </summary>
public sealed record CellAnalysisOptions
{
    public int BaselineRuns { get; init; } = 19;
    public int Seed { get; init; }
    public bool Clamp { get; init; } = true;
    public long MaxFloats { get; init; } = CellRecording.DefaultMaxFloats;
}
