using CharLstmLab.Diagnostics;

namespace CharLstmLab.Reproduction;

/// <summary>One row of the reproduced table: the measured loss, the sample, its diagnostics and the label they give, beside the article's
/// row.</summary>
public sealed record ReproductionRow(int Iteration, double Loss, double MeanCe, double? ValMeanCe, string Sample, SampleDiagnostics Diagnostics,
    string Label, SeedRow? Article);
