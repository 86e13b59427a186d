using CharLstmLab.Model;

namespace CharLstmLab.Inspection;

/// <summary>
/// What happens to the loss when one cell is held at its typical value outside a state: the mean
/// cross-entropy (nats) on characters inside and outside the state, before and after the clamp.
/// A cell the model uses to handle the state raises the loss inside much more than outside; a cell
/// that only correlates with the state changes little in either.
/// </summary>
public sealed record ClampEffect(CellId Cell, float Value, double BaseInside, double ClampedInside, double BaseOutside, double ClampedOutside)
{
    public double DeltaInside => ClampedInside - BaseInside;
    public double DeltaOutside => ClampedOutside - BaseOutside;

    /// <summary>
    /// Clamps <paramref name="cell"/> to its median c over the characters outside the state and reads
    /// the text again. The loss of predicting text[t + 1] counts as inside when character t + 1 is.
    /// <paramref name="baseLosses"/> are the unclamped <see cref="CellProbe.Losses"/> of the same text.
    /// </summary>
    public static ClampEffect Measure(CharLstm model, ReadOnlySpan<int> text, IReadOnlyList<bool> labels, CellRecording recording,
        CellId cell, IReadOnlyList<double> baseLosses)
    {
        if (labels.Count != text.Length || recording.Length != text.Length || baseLosses.Count != text.Length - 1)
            throw new LabException("The text, its labels, its recording and its losses must have matching lengths.");
        var series = recording.CellSeries(cell.Layer, cell.Unit);
        var outside = Enumerable.Range(0, series.Length).Where(t => !labels[t]).Select(t => series[t]).Order().ToArray();
        if (outside.Length == 0) throw new LabException("Every character is inside the state, so there is no outside value to clamp to.");
        float value = outside[outside.Length / 2];
        var clamped = CellProbe.Losses(model, text, new CellClamp(cell.Layer, cell.Unit, value));
        double Mean(IReadOnlyList<double> losses, bool inside)
        {
            double sum = 0;
            int n = 0;
            for (int t = 0; t < losses.Count; t++) if (labels[t + 1] == inside) { sum += losses[t]; n++; }
            return n == 0 ? double.NaN : sum / n;
        }
        return new ClampEffect(cell, value, Mean(baseLosses, true), Mean(clamped, true), Mean(baseLosses, false), Mean(clamped, false));
    }
}
