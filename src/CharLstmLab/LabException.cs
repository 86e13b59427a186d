namespace CharLstmLab;

/// <summary>
/// A mistake in what the user asked for (a missing corpus, a bad setting, a corrupt checkpoint).
/// Its message is one sentence meant for the user; front ends print it without a stack trace.
/// </summary>
public class LabException(string message, Exception? inner = null) : Exception(message, inner);

internal static class Require
{
    public static void Positive(int value, string name)
    {
        if (value <= 0) throw new LabException($"{name} must be a positive whole number, but it is {value}.");
    }

    public static void Positive(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value)) throw new LabException($"{name} must be a positive number, but it is {value}.");
    }

    public static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value)) throw new LabException($"{name} must be zero or a positive number, but it is {value}.");
    }
}
