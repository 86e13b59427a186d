namespace CharLstmLab.Inspection;

/// <summary>
/// One state's result in a <see cref="CellAnalysis"/>: the best cell (null when the state does not
/// occur in the text), and when clamping was asked for, the clamp test of that cell and of a control
/// cell picked at random.
/// </summary>
public sealed record StateReport(MarkdownState State, CellFinding? Finding, ClampEffect? Clamp, ClampEffect? Control)
{
    public string Name => MarkdownStates.Name(State);
}
