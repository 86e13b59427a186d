namespace CharLstmLab.Diagnostics;

/// <summary>
/// The third column of the article's table, derived from measurements. The first matching row wins:
/// <list type="table">
/// <listheader><term>label</term><description>when</description></listheader>
/// <item><term><see cref="Repeating"/></term><description>loop fraction ≥ <see cref="MinLoopFraction"/> or distinct 10-gram ratio &lt;
/// <see cref="MinDistinctNgramRatio"/></description></item>
/// <item><term><see cref="RandomCharacters"/></term><description>no whole word, or nonsense rate ≥
/// <see cref="RandomNonsenseRate"/></description></item>
/// <item><term><see cref="Copying"/></term><description>copied n-gram rate ≥ <see cref="CopyingNgramRate"/></description></item>
/// <item><term><see cref="Coherent"/></term><description>nonsense rate &lt; <see cref="CoherentNonsenseRate"/></description></item>
/// <item><term><see cref="Formatted"/></term><description>nonsense rate &lt; <see cref="FormattedNonsenseRate"/> and Markdown structure rate ≥
/// <see cref="FormattedStructureRate"/></description></item>
/// <item><term><see cref="WordsAppear"/></term><description>otherwise</description></item>
/// </list>
/// Repetition comes first because a loop of real words would otherwise look fluent; copying comes
/// before coherence because played-back training text is fluent by construction.
/// </summary>
public static class QualityLabel
{
    public const string Repeating = "repeated fragments, weak structure";
    public const string RandomCharacters = "mostly random characters";
    public const string Copying = "copies the training text";
    public const string Coherent = "coherent with occasional nonsense";
    public const string Formatted = "clear Markdown formatting";
    public const string WordsAppear = "real words and Markdown-like tokens appear";

    public const double MinLoopFraction = 0.3;
    public const double MinDistinctNgramRatio = 0.5;
    public const double RandomNonsenseRate = 0.5;
    public const double CopyingNgramRate = 0.6;
    public const double CoherentNonsenseRate = 0.05;
    public const double FormattedNonsenseRate = 0.2;
    public const double FormattedStructureRate = 0.5;

    public static string For(SampleDiagnostics d) => d switch
    {
        _ when d.Repetition.LoopFraction >= MinLoopFraction || d.Repetition.DistinctNgramRatio < MinDistinctNgramRatio => Repeating,
        _ when d.Nonsense.Words == 0 || d.Nonsense.Rate >= RandomNonsenseRate => RandomCharacters,
        _ when d.Memorization.NgramRate >= CopyingNgramRate => Copying,
        _ when d.Nonsense.Rate < CoherentNonsenseRate => Coherent,
        _ when d.Nonsense.Rate < FormattedNonsenseRate && d.Markdown.StructuredRate >= FormattedStructureRate => Formatted,
        _ => WordsAppear,
    };
}
