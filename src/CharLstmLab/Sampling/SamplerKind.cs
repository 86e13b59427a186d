namespace CharLstmLab.Sampling;

public enum SamplerKind { Greedy, Temperature, TopK, TopP }
