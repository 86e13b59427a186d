namespace CharLstmLab.Reproduction;

/// <summary>Which of the two bundled corpora a variant trains on; each is split, and its baselines fitted, on its own.</summary>
public enum ChallengeCorpus { Small, Large }
