using System.Globalization;
using System.Text;
using CharLstmLab.Diagnostics;
using CharLstmLab.Model;
using CharLstmLab.Text;
using CharLstmLab.Training;

namespace CharLstmLab.Reproduction;

/// <summary>
/// Every claim of the article measured at once, over the same training seeds, with the library
/// calls the notebooks make: the rows of one table, and that table as Markdown. Each run trains on
/// one thread and several run side by side; a run's numbers do not depend on its thread count, so
/// the rows are the same bit for bit however many run at once.
/// </summary>
public static class ClaimsTable
{
    /// <summary>Where each claim is taken apart in the workbook.</summary>
    public const string WhereArticle = "notebook 2, section 4", WhereStability = "notebook 3, section 3",
        WhereDecoding = "notebook 4, Greedy against temperature as the model trains",
        WhereSnowball = "notebook 4, The snowball, tested directly (models at the lowest validation loss)",
        WhereWarmUp = "notebook 5, section 1 (Claim (e) over several training seeds)";

    public static ClaimsReport Run(Corpus corpus, ClaimsTableSettings? settings = null, Action<string>? progress = null)
    {
        settings ??= new ClaimsTableSettings();
        settings.Validate(corpus);
        // Building a trainer checks that the corpus is long enough for its windows: fail here, not after minutes of training.
        _ = new Trainer(corpus, settings.Article);
        _ = new Trainer(corpus, settings.Decoding);

        var notMeasured = new List<string>();
        var vocabulary = Vocabulary.FromText(corpus.Text);
        var article = settings.ArticleClaim;
        var stability = settings.Stability;
        string? whyNotA = LossDropClaim.WhyNot(settings.Article, article), whyNotB = StillImprovingClaim.WhyNot(settings.Article),
            whyNotC = MemorizationClaim.WhyNot(settings.Article), whyNotF = StabilityClaim.WhyNot(stability);
        var warmUp = settings.WarmUp(corpus);
        string? whyNotD = Unspelled(vocabulary, "Claims (d) and the snowball", settings.DecodingPrompt);
        string? whyNotE = Unspelled(vocabulary, "Claim (e)", warmUp.Cold.Text);
        var spelled = warmUp.WarmUps.Where(w => Unspelled(vocabulary, "", w.Text) is null).ToList();
        foreach (var w in warmUp.WarmUps.Except(spelled)) notMeasured.Add(Unspelled(vocabulary, $"Claim (e)'s {w.Name}", w.Text)!);
        if (whyNotE is null && spelled.Count == 0) whyNotE = "Claim (e) has no warm-up prompt the corpus can spell.";
        warmUp = warmUp with { WarmUps = spelled };

        // The jobs, in the order they start: the article's runs (shared by five claims), each fix of (f), whose
        // clipped runs wait for the article's run of their seed (a clip that never fired there is not trained
        // again), then the short staged runs of (d), which fill the cores at the end.
        bool needArticle = new[] { whyNotA, whyNotB, whyNotC, whyNotE, whyNotF }.Any(w => w is null);
        string baselineName = stability.Variants().Single(v => v.Kind == StabilityVariant.Baseline).Name;
        int warmUpAt = Math.Min(article.ArticleFinalIteration, settings.Article.Iterations);
        var keepAt = StagedRun.LogGrid(settings.Decoding.Iterations, settings.Checkpoints);
        int trained = 0;
        void Trained(string name)
        {
            int done = Interlocked.Increment(ref trained);
            progress?.Invoke($"trained {name} ({done} so far)");
        }

        var jobs = new List<Action>();
        var articleSlots = (needArticle ? settings.Seeds : []).ToDictionary(seed => seed, seed =>
        {
            var slot = SideBySide.Slot<ArticleRun>();
            jobs.Add(SideBySide.Job(slot, () =>
            {
                var run = TrainArticle(corpus, baselineName, settings.Article with { Seed = seed, Threads = 1 }, settings.ClipValue,
                    settings.ClipNorm, warmUpAt);
                Trained($"the article's run, seed {seed}");
                return run;
            }));
            return slot;
        });
        var fixRuns = whyNotF is null
            ? StabilityClaim.AddFixJobs(jobs, corpus, stability, seed => SideBySide.Wait(articleSlots[seed]).Run,
                completed: run => Trained($"{run.Variant}, seed {run.Seed}"))
            : () => [];
        var stagedSlots = (whyNotD is null ? settings.Seeds : []).Select(seed =>
        {
            var slot = SideBySide.Slot<StagedRun>();
            jobs.Add(SideBySide.Job(slot, () =>
            {
                var run = StagedRun.Train(corpus, settings.Decoding with { Seed = seed, Threads = 1 }, keepAt);
                Trained($"notebook 4's model, seed {seed}");
                return run;
            }));
            return slot;
        }).ToList();
        SideBySide.Run(jobs, settings.Threads);
        var articleRuns = (needArticle ? settings.Seeds : []).Select(seed => SideBySide.Wait(articleSlots[seed])).ToList();
        var stagedRuns = stagedSlots.Select(SideBySide.Wait).ToList();

        var rows = new List<ClaimEvidence>();
        var seedRuns = articleRuns.Select(r => r.Run).ToList();
        Add(rows, notMeasured, whyNotA, () => LossDropClaim.From(seedRuns, article, WhereArticle));
        Add(rows, notMeasured, whyNotB, () => StillImprovingClaim.From(seedRuns, article, WhereArticle));
        Add(rows, notMeasured, whyNotC, () => MemorizationClaim.From(seedRuns, WhereArticle));
        if (whyNotD is null)
        {
            var staged = stagedRuns.ToList();
            var index = new CorpusIndex(staged[0].Vocabulary.Decode(staged[0].Split.Train));
            var decoding = settings.DecodingSampling;
            rows.Add(ClaimDDecoding.Evidence(staged, ClaimDDecoding.Measure(staged, index, decoding), decoding, WhereDecoding));
            var snowball = settings.Snowball;
            var trials = staged.SelectMany(r => Snowball.Measure(r.Best.Model, r.Vocabulary, r.TrainingSeed, snowball)).ToList();
            rows.Add(Snowball.Evidence(trials, snowball, WhereSnowball));
        }
        else notMeasured.Add(whyNotD);
        Add(rows, notMeasured, whyNotE, () =>
        {
            var first = articleRuns[0];
            var index = new CorpusIndex(first.Vocabulary.Decode(first.Split.Train));
            var points = ClaimEWarmUp.Measure(articleRuns.Select(r => (r.Run.Seed, r.WarmUpModel)).ToList(), first.Vocabulary, index, warmUp);
            return ClaimEWarmUp.Evidence(points, warmUp, WhereWarmUp);
        });
        if (whyNotF is null) rows.AddRange(StabilityClaim.From([.. seedRuns, .. fixRuns()], stability, WhereStability));
        else notMeasured.Add(whyNotF);
        return new ClaimsReport(rows, notMeasured, trained);
    }

    /// <summary>The verdict in the table's words.</summary>
    public static string Word(Verdict verdict) => verdict switch
    {
        Verdict.Holds => "holds",
        Verdict.DoesNotHold => "does not hold",
        Verdict.DependsOn => "depends on",
        Verdict.NotEstablished => "not established",
        _ => throw new LabException($"Unknown verdict '{verdict}'."),
    };

    /// <summary>"19.5 [18.1, 20.9]", or "19.5 (one training seed: no interval)".</summary>
    public static string EffectWithInterval(ClaimEvidence row) => double.IsNaN(row.Low) || double.IsNaN(row.High)
        ? $"{Number(row.Effect)} (one training seed: no interval)"
        : $"{Number(row.Effect)} [{Number(row.Low)}, {Number(row.High)}]";

    /// <summary>
    /// The effect's value where the claim's direction would flip: 1 for claim (a), whose effect is the
    /// measured loss as a multiple of the article's, 0 for every other effect, which is a difference.
    /// </summary>
    public static double NoEffect(ClaimEvidence row) => row.Id == "a" ? 1 : 0;

    /// <summary>The table in Markdown: one row per claim, then a line for each claim not measured.</summary>
    public static string ToMarkdown(ClaimsReport report)
    {
        var md = new StringBuilder();
        md.AppendLine("| claim | verdict | training seeds | effect, mean [95 % t-interval] | evidence | where |");
        md.AppendLine("|---|---|---:|---|---|---|");
        foreach (var r in report.Rows)
            md.AppendLine(string.Join(" | ", ["", $"({r.Id}) {Cell(r.Claim)}", Word(r.Verdict),
                r.TrainingSeeds.ToString(CultureInfo.InvariantCulture),
                $"{Cell(r.EffectName)}: {EffectWithInterval(r)}", Cell(r.Evidence), Cell(r.Where), ""]).Trim());
        foreach (var why in report.NotMeasured) md.AppendLine().AppendLine($"Not measured: {why}");
        return md.ToString();
    }

    // Three significant digits, the precision a few seeds support, trailing zeros kept (1.00, not 1).
    static string Number(double x) =>
        x.ToString(Math.Abs(x) >= 100 ? "F0" : Math.Abs(x) >= 10 ? "F1" : Math.Abs(x) >= 1 ? "F2" : "G3", CultureInfo.InvariantCulture);

    // A pipe or a line break would end the cell.
    static string Cell(string text) => text.Replace("|", "\\|").Replace("\r", "").Replace("\n", " ");

    static void Add(List<ClaimEvidence> rows, List<string> notMeasured, string? whyNot, Func<ClaimEvidence> measure)
    {
        if (whyNot is null) rows.Add(measure());
        else notMeasured.Add(whyNot);
    }

    static string? Unspelled(Vocabulary vocabulary, string who, string prompt)
    {
        var missing = prompt.Where(c => !vocabulary.Contains(c)).Distinct().ToList();
        return missing.Count == 0 ? null
            : $"{who} cannot be measured here: the prompt holds {string.Join(", ", missing.Select(Vocabulary.Describe))}, which the corpus does " +
                "not contain.";
    }

    /// <summary>One run of the article's configuration, with the model claim (e) samples from.</summary>
    sealed record ArticleRun(SeedRun Run, CharLstm WarmUpModel, Vocabulary Vocabulary, TextSplit Split);

    /// <summary>
    /// <see cref="SeedRuns.TrainOne"/>, which counts what each clip would do, plus a copy of the model at
    /// <paramref name="warmUpAt"/>: with it the same runs serve claim (e), not only (a)-(c) and (f).
    /// </summary>
    static ArticleRun TrainArticle(Corpus corpus, string variant, TrainingSettings settings, double elementThreshold, double normThreshold,
        int warmUpAt)
    {
        Trainer? trainer = null;
        CharLstm? atWarmUp = null;
        var run = SeedRuns.TrainOne(corpus, variant, settings, elementThreshold, normThreshold, watch: t =>
        {
            trainer = t;
            t.IterationCompleted += entry => { if (entry.Iteration == warmUpAt) atWarmUp = t.Model.Clone(); };
        });
        return new(run, atWarmUp ?? trainer!.Model, trainer!.Vocabulary, trainer.Split);
    }
}
