namespace CharLstmLab.Diagnostics;

/// <summary>Every sample diagnostic of one generated text, side by side.</summary>
public sealed record SampleDiagnostics(NonsenseReport Nonsense, MemorizationReport Memorization, MarkdownReport Markdown, RepetitionReport Repetition)
{
    public static SampleDiagnostics Measure(string sample, CorpusIndex index) => new(
        NonsenseWords.Measure(sample, index),
        Diagnostics.Memorization.Measure(sample, index),
        MarkdownStructure.Measure(sample),
        Diagnostics.Repetition.Measure(sample));
}
