namespace CharLstmLab.Inspection;

/// <summary>Holds cell <paramref name="Unit"/> of layer <paramref name="Layer"/> at <paramref name="Value"/> after every step.</summary>
public sealed record CellClamp(int Layer, int Unit, float Value);
