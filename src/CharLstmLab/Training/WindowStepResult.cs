namespace CharLstmLab.Training;

/// <summary>
/// What one window step measured: the window loss, and the gradient's global L2 norm and largest
/// element (in size) before clipping, the two numbers a norm clip and an element clip compare with their threshold.
/// </summary>
public readonly record struct WindowStepResult(double Loss, double GradNorm, double MaxGradElement = double.NaN);
