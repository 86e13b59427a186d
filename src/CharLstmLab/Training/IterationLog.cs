namespace CharLstmLab.Training;

/// <summary>
/// One line of the training log. Loss is the mean window loss over the iteration (cross-entropy
/// summed over T characters, averaged over streams and windows); the other loss columns are the
/// same number per character, as perplexity and in bits.
/// </summary>
public sealed record IterationLog(
    int Iteration,
    double Loss,
    double MeanCe,
    double Perplexity,
    double Bpc,
    double? ValMeanCe,
    double GradNorm,
    double MaxGradNorm,
    double LearningRate,
    double Seconds,
    double FirstWindowLoss,
    string? Sample)
{
    public const string CsvHeader = "iteration,loss,mean_ce,perplexity,bpc,val_mean_ce,grad_norm,lr,seconds,max_grad_norm,first_window_loss";

    public string ToCsv() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Iteration},{Loss:R},{MeanCe:R},{Perplexity:R},{Bpc:R}," +
        $"{(ValMeanCe is { } v ? v.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "")}," +
        $"{GradNorm:R},{LearningRate:R},{Seconds:F3},{MaxGradNorm:R},{FirstWindowLoss:R}");
}
