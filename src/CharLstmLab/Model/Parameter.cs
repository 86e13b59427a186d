namespace CharLstmLab.Model;

/// <summary>One weight matrix or bias: its values and the gradient of the loss with respect to them, in matching flat buffers.</summary>
public sealed class Parameter(string name, int rows, int cols)
{
    public string Name { get; } = name;
    public int Rows { get; } = rows;
    public int Cols { get; } = cols;
    public float[] Value { get; } = new float[checked(rows * cols)];
    public float[] Grad { get; } = new float[checked(rows * cols)];
    public int Length => Value.Length;
    public override string ToString() => $"{Name} [{Rows} x {Cols}]";
}
