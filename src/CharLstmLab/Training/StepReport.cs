namespace CharLstmLab.Training;

/// <summary>What one optimizer step saw: the window loss, and the gradient's global norm and largest element (in size) before clipping.</summary>
public sealed record StepReport(int Iteration, int Window, int WindowCount, double Loss, double GradNorm, double LearningRate, double MaxGradElement);
