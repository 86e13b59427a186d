namespace CharLstmLab.Model;

/// <summary>One LSTM layer: gates = x * Wx + h_prev * Wh + bias, gate order [i | f | g | o].</summary>
public sealed class LstmLayer(int index, int inputSize, int hiddenSize)
{
    public int InputSize { get; } = inputSize;
    public int HiddenSize { get; } = hiddenSize;
    public Parameter Wx { get; } = new($"lstm{index}.wx", inputSize, 4 * hiddenSize);
    public Parameter Wh { get; } = new($"lstm{index}.wh", hiddenSize, 4 * hiddenSize);
    public Parameter Bias { get; } = new($"lstm{index}.bias", 1, 4 * hiddenSize);
    public IEnumerable<Parameter> Parameters => [Wx, Wh, Bias];
}
