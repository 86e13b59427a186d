namespace CharLstmLab.Reproduction;

/// <summary>
/// One row of the claims table: one of the article's claims, measured over several training seeds.
/// The effect is a difference or ratio named by <see cref="EffectName"/>, with an interval
/// [<see cref="Low"/>, <see cref="High"/>] over the seeds (its kind is named in <see cref="Evidence"/>).
/// </summary>
/// <param name="Id">The claim's letter in the workbook: "a" to "f".</param>
/// <param name="Claim">The claim, in one sentence, as the article makes it.</param>
/// <param name="Evidence">What was run and what came out, in one or two sentences, printed from the run.</param>
/// <param name="Where">Where in the workbook the claim is taken apart (a notebook and section).</param>
public sealed record ClaimEvidence(
    string Id, string Claim, Verdict Verdict, string Evidence,
    int TrainingSeeds, string EffectName, double Effect, double Low, double High, string Where);
