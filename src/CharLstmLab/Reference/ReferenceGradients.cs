namespace CharLstmLab.Reference;

/// <summary>
/// What <see cref="ReferenceLstm.Backward"/> found: dLoss/dparameter for every parameter (by name),
/// dLoss/dh_0 and dLoss/dc_0 of the starting state ([layer][b * H + j]), and, for reading backprop
/// through time, the total dLoss/dh_t and the gate pre-activation gradients [di | df | dg | do] of every cell step ([layer][row]).
/// </summary>
public sealed record ReferenceGradients(IReadOnlyDictionary<string, double[]> Parameters, double[][] StartH, double[][] StartC,
    double[][][] DH, double[][][] DGates);
