namespace CharLstmLab.Diagnostics;

/// <summary>
/// What a loss curve says: every rebound, the largest one (by absolute <see cref="Rebound.Rise"/>),
/// the least-squares slope of loss per iteration over the last points, and whether that says the
/// run is still improving (see <see cref="LossCurve.Analyze(IReadOnlyList{ValueTuple{int, double}}, double, int)"/>).
/// </summary>
public sealed record CurveReport(IReadOnlyList<Rebound> Rebounds, Rebound? Largest, double FinalSlope, bool StillImproving);
