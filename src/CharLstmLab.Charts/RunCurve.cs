using CharLstmLab.Training;

namespace CharLstmLab.Charts;

/// <summary>A named training log, for charts that overlay several runs.</summary>
public sealed record RunCurve(string Name, IReadOnlyList<IterationLog> Log);
