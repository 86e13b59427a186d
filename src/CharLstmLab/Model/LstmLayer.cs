namespace CharLstmLab.Model;

/// <summary>One LSTM layer: gates = x * Wx + h_prev * Wh + bias, gate order [i | f | g | o].</summary>
public sealed class LstmLayer
{
    public LstmLayer(int index, int inputSize, int hiddenSize)
    {
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        Wx = new($"lstm{index}.wx", inputSize, 4 * hiddenSize);
        Wh = new($"lstm{index}.wh", hiddenSize, 4 * hiddenSize);
        Bias = new($"lstm{index}.bias", 1, 4 * hiddenSize);
        Input = new Linear(Wx, Bias);
    }

    public int InputSize { get; }
    public int HiddenSize { get; }
    public Parameter Wx { get; }
    public Parameter Wh { get; }
    public Parameter Bias { get; }
    /// <summary>The input half of the gates, bias + x * Wx, as a linear layer (the recurrent half is per step).</summary>
    public Linear Input { get; }
    public IEnumerable<Parameter> Parameters => [Wx, Wh, Bias];
}
