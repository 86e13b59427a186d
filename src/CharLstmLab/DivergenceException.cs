namespace CharLstmLab;

/// <summary>Training produced a NaN or infinite loss; the model keeps its last good parameters.</summary>
public sealed class DivergenceException(int iteration, string message) : LabException(message)
{
    public int Iteration { get; } = iteration;
}
