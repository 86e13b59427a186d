namespace CharLstmLab.Charts;

/// <summary>A horizontal dashed line across a bar chart, e.g. the score of real text next to the scores of samples.</summary>
public sealed record ReferenceLine(string Name, double Value);
