namespace CharLstmLab.Inspection;

/// <summary>One memory cell: unit <paramref name="Unit"/> of LSTM layer <paramref name="Layer"/>.</summary>
public sealed record CellId(int Layer, int Unit)
{
    public override string ToString() => $"L{Layer}.c{Unit}";
}
