namespace CharLstmLab.Diagnostics;

/// <summary>
/// A stretch of a sample found verbatim in the training text: where it sits in the sample, where
/// it first occurs in the corpus, and that occurrence's 1-based line number.
/// </summary>
public sealed record CopiedSpan(string Text, int SampleOffset, int CorpusOffset, int CorpusLine);
