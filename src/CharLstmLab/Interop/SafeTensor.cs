namespace CharLstmLab.Interop;

/// <summary>
/// One named float32 tensor as a safetensors file holds it: a row-major shape (PyTorch's, outermost
/// dimension first) and its values in that order.
/// </summary>
public sealed record SafeTensor(string Name, int[] Shape, float[] Values)
{
    /// <summary>The product of the dimensions; a tensor of shape [] is a scalar with one value.</summary>
    public long ElementCount => Shape.Aggregate(1L, (n, d) => n * d);

    public string ShapeText => $"[{string.Join(", ", Shape)}]";
}
