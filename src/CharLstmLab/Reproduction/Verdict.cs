namespace CharLstmLab.Reproduction;

/// <summary>What a measurement says about one of the article's claims.</summary>
public enum Verdict
{
    Holds,
    DoesNotHold,
    /// <summary>The answer changes with the model or the settings; <see cref="ClaimEvidence.Evidence"/> says on what.</summary>
    DependsOn,
    /// <summary>The measurement cannot tell: every interval it rests on includes no effect (or one seed gave no interval).</summary>
    NotEstablished,
}
