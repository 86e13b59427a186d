using CharLstmLab.Model;

namespace CharLstmLab.Reproduction;

/// <summary>A copy of the model at one iteration of a run, with its validation loss (nats per character).</summary>
public sealed record StagedModel(int Iteration, double ValidationCe, CharLstm Model);
