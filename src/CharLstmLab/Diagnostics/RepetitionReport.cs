namespace CharLstmLab.Diagnostics;

/// <summary>
/// How loop-like a sample is. <paramref name="Loop"/> is the repeating unit the sample ends in
/// ("" if none) and <paramref name="LoopLength"/> the characters of the periodic tail it covers
/// (partial last repeat included); <paramref name="LoopFraction"/> = LoopLength / sample length.
/// <paramref name="DistinctNgramRatio"/> = distinct character n-grams / all n-grams (1 = nothing repeats).
/// </summary>
public sealed record RepetitionReport(string Loop, int LoopLength, double LoopFraction, double DistinctNgramRatio);
