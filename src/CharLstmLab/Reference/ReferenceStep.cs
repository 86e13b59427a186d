namespace CharLstmLab.Reference;

/// <summary>
/// What one LSTM cell computed at one time step for one stream, kept for the backward pass:
/// its input x, the state it read (h_prev, c_prev), the four gate activations and the state it wrote.
/// </summary>
public sealed record ReferenceStep(double[] X, double[] HPrev, double[] CPrev,
    double[] I, double[] F, double[] G, double[] O, double[] C, double[] H);
