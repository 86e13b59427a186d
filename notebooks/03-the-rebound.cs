// The file-based app twin of 03-the-rebound.ipynb: the same lesson without a notebook host.
//   dotnet run 03-the-rebound.cs                 from notebooks/
//   dotnet run notebooks/03-the-rebound.cs       from the repository root
// It prints what the notebook prints and ends with the path of an offline HTML page (prose,
// code, outputs, charts). Edit the settings block (after lesson.Code("settings")) and rerun.
// Generated from the notebook, which stays the one source: change the notebook, then run
//   dotnet run -c Release --project src/CharLstmLab.Workbook -- --twins
// (PublishAot=false: a file-based app is AOT-ready by default, which switches off the reflection
// System.Text.Json the lab's checkpoints and safetensors metadata use; a lesson is never AOT-published.)
#:project ../src/CharLstmLab.Charts/CharLstmLab.Charts.csproj
#:property Optimize=true
#:property PublishAot=false

using CharLstmLab.Charts;
using CharLstmLab.Charts.Apps;
using CharLstmLab.Checkpoints;
using CharLstmLab.Diagnostics;
using CharLstmLab.Model;
using CharLstmLab.Reproduction;
using CharLstmLab.Sampling;
using CharLstmLab.Text;
using CharLstmLab.Training;

var lesson = LessonApp.Start("03-the-rebound");

lesson.Prose("""
# 3 · The iteration-51 rebound

> **Build first**, once, from the repository root: `dotnet build -c Release`. Then run the cells in order (or *Run All*).

Between iterations 41 and 51 the article's loss goes *up*, from 0.95 to 1.10, and the article reads this as "the update step may be slightly aggressive for this stage". That is a claim about a cause, made from two numbers. This notebook looks at the same kind of run one iteration at a time, then applies the article's fixes one at a time, at the article's size and under several training seeds, to see which rebounds follow the step size and which are noise.

**What you will learn**

- how to find rebounds in a loss log (`LossCurve.Analyze`, `ReproductionRun.Analyze`), and why a table of every tenth iteration and the full curve see different ones;
- how to read the gradient norm beside the loss, and whether the article's clipping at 5 does anything here;
- what the article's two fixes (clipping every gradient element at 5, and α = 0.005) and a third one (clipping the global gradient norm at 5) do to the curve, and how often each clip actually fires;
- how a few training seeds of the same settings separate what the settings cause from what is noise, with an effect size and an interval.
""");

lesson.Prose("""
## Settings

**This is the cell to edit.** `settings` is the article's run as notebook 2 reproduces it. The comparison in section 3 runs it under every seed in `seeds`, as it is and with each fix alone, at the article's full size: each run of the article's size takes 5 to 9 seconds of one core, and the runs train side by side, one core each, so on two cores the comparison takes about half a minute. (A clipped run whose clip never fires in the unfixed run of the same seed is not trained again: it would be the same run, bit for bit.) `extraVariants` adds runs of your own to the comparison, each under every seed; the exercises use it.
""");

lesson.Code("settings");
// ─── Settings: edit, then rerun from here ────────────────────────────────────
var corpusPath = "../data/small/field-guide.md";
var articleTablePath = "../data/seed-loss-table.csv";   // the article's table, quoted as data

// The article's run (H = 128, T = 14, B = 16, SGD alpha = 0.05, no clipping, 91 iterations, seed 1).
// Samples are not needed here, so none are taken.
var settings = ReproductionSettings.Article with { SampleEvery = 0 };

// A rise of less than this share of the previous loss is not called a rebound (default: ReproductionRun.MinRelativeRise, 2 %).
double minRelativeRise = ReproductionRun.MinRelativeRise;

// Section 3: the fixes, each alone, under these training seeds.
int[] seeds = [1, 2, 3];
double clipValue = 5;        // the article's np.clip(grad, -5, 5)
double clipNorm = 5;         // clip by global norm: rescale the whole gradient when its L2 norm exceeds this
double lowerRate = 0.005;    // the article's "lower" alpha
// More runs for the comparison, each trained under every seed, e.g.
// extraVariants.Add(new("extra", "alpha 0.2", settings with { LearningRate = 0.2 }));
var extraVariants = new List<StabilityVariant>();

lesson.Prose("""
## 1. The article's ten points

The article logged the loss every ten iterations. A *rebound* is a logged point whose loss is higher than the point before it. `LossCurve.Analyze` finds them and also fits a line to the last points to say whether the run is still improving.
""");

lesson.Code("article");
var article = SeedTable.Load(articleTablePath);
var articleCurve = LossCurve.Analyze(article.Select(a => (a.Iteration, a.Loss)).ToList(), slopeWindow: 3);
foreach (var r in articleCurve.Rebounds)
    Console.WriteLine($"rebound at iteration {r.Iteration}: {r.From:F2} -> {r.To:F2} (+{r.RelativeRise:P0})");
Console.WriteLine($"still improving at the end: {articleCurve.StillImproving} (slope {articleCurve.FinalSlope:+0.0000;-0.0000} per iteration over the last three points)");
var articleBefore = article.TakeWhile(a => a.Iteration < 51).LastOrDefault();
if (articleBefore is not null) Console.WriteLine($"the fall before it: {article[0].Loss:F2} -> {articleBefore.Loss:F2}, a factor of {article[0].Loss / articleBefore.Loss:F0}");

var articleX = article.Select(a => (double)a.Iteration).ToArray();
display(Plots.Lines(
    [new XYSeries("the article's loss", articleX, article.Select(a => a.Loss).ToArray()),
     XYSeries.Rebounds(articleCurve.Rebounds, "rebound")],
    "The article's ten logged points", "iteration", "window loss (log scale)", logY: true));

lesson.Prose("""
On a log axis the rise at 51 is visible but small next to the fall before it (the cell prints both from the article's table). Two numbers ten iterations apart cannot say whether the loss rose steadily from 41 to 51 or spiked at 51 alone, nor whether the same settings with another seed would rise there at all. For that we need every iteration, and more than one run.

## 2. Every iteration of the reproduced run

The cell below trains the article's run (and, on the other core, the unfixed run of one more seed that section 3 needs) and logs every iteration: the window loss (averaged over the pass), the validation loss and the gradient norm (the L2 norm of all gradients together, averaged over the windows of the pass, measured before any clipping). While it trains it also records the **largest single gradient element** of every step (before any clipping), because the article's fix `np.clip(grad, -5, 5)` only changes a gradient element larger than 5 in size, and counts the steps whose global norm exceeds `clipNorm`, where a norm clip would rescale the gradient.
""");

lesson.Code("main-run");
var corpus = Corpus.Load(corpusPath);
var stability = new StabilitySettings { Run = settings, Seeds = seeds, ClipValue = clipValue, ClipNorm = clipNorm, LowerRate = lowerRate, MinRelativeRise = minRelativeRise };
var baseline = stability.Variants().Single(v => v.Kind == StabilityVariant.Baseline);

var clock = System.Diagnostics.Stopwatch.StartNew();
// One run cannot keep two cores busy, so the unfixed run of one more seed of section 3 trains beside it, one core each.
var firstRuns = SeedRuns.Train(corpus, baseline.Name, baseline.Settings, [settings.Seed, .. seeds.Where(s => s != settings.Seed).Distinct().Take(1)], clipValue, clipNorm);
var main = firstRuns[0];
var log = main.Log;
var largestElement = main.Clips!.LargestElementByIteration;
var curve = ReproductionRun.Analyze(log, minRelativeRise);
Console.WriteLine($"{log.Count} iterations in {clock.Elapsed.TotalSeconds:F1} s; final loss {log[^1].Loss:F2}" +
                  (firstRuns.Count > 1 ? $" (beside it: seed {firstRuns[1].Seed}'s unfixed run, for section 3)" : ""));

display(Plots.LossCurve(log, new LossCurveOptions
{
    Title = "The reproduced run, every iteration (rebounds marked)",
    ShowGradientNorm = true,
    Rebounds = curve.Rebounds.Select(r => r.Iteration).ToList(),
    LogScale = true,
}));

lesson.Code("main-findings");
// What this run's curve says, from its numbers.
Console.WriteLine(curve.Rebounds.Count == 0
    ? $"in this run the loss never rose by more than {minRelativeRise:P0}"
    : $"in this run the loss rose by more than {minRelativeRise:P0} at {string.Join(", ", curve.Rebounds.Select(r => $"{r.Iteration} (+{r.RelativeRise:P1})"))}; " +
      $"the article's rebound at 51 is {(curve.Rebounds.Any(r => r.Iteration == 51) ? "among them" : "NOT among them")}");
var allRises = LossCurve.Analyze(log.Select(l => l.Loss).ToList()).Rebounds;
Console.WriteLine($"rises of any size: {allRises.Count} ({(allRises.Count == 0 ? "none" : string.Join(", ", allRises.Select(r => r.Iteration)))}); " +
                  $"the first at {(allRises.Count == 0 ? "none" : allRises[0].Iteration.ToString())}");
var mainClips = main.Clips!;
var peak = largestElement.MaxBy(p => p.Value);
var laterPeak = largestElement.Where(p => p.Key > 1).Select(p => p.Value).DefaultIfEmpty(0).Max();
Console.WriteLine($"largest gradient element: {peak.Value:F2} (iteration {peak.Key}); iterations with an element above {clipValue}: {mainClips.ElementIterations.Count} " +
                  $"({(mainClips.ElementIterations.Count == 0 ? "none" : string.Join(", ", mainClips.ElementIterations))}); largest after iteration 1: {laterPeak:F2}");
Console.WriteLine($"steps whose gradient norm is above {clipNorm}: {mainClips.NormAbove} of {mainClips.Steps} ({mainClips.NormShare:P0}): " +
                  (mainClips.NormShare > 0.5 ? $"a norm clip at {clipNorm} would act on most steps" : $"a norm clip at {clipNorm} would act on few steps"));

lesson.Prose("""
### Do rebounds come with a large gradient?

If a rebound comes from a step that overshoots, the gradient norm should be unusual around it: the update that overshot was large, or the model lands where the slope is steep. Compare the gradient norm at each rebound and the iteration before it with the typical value over the run.
""");

lesson.Code("gradient-at-rebounds");
double Median(IEnumerable<double> xs) { var s = xs.OrderBy(x => x).ToArray(); return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2; }
var secondHalf = log.Skip(log.Count / 2).ToList();
double typical = Median(secondHalf.Select(l => l.GradNorm));
double high = secondHalf.Max(l => l.GradNorm);
Console.WriteLine($"gradient norm over iterations {secondHalf[0].Iteration}-{log[^1].Iteration}: median {typical:F2}, range {secondHalf.Min(l => l.GradNorm):F2} to {high:F2}");
if (curve.Rebounds.Count == 0) Console.WriteLine("this run has no rebound to look at");
foreach (var r in curve.Rebounds)
{
    var at = main.At(r.Iteration)!;
    var before = main.At(r.Iteration - 1)!;
    bool warned = before.GradNorm > 1.1 * typical;
    Console.WriteLine($"rebound {r.Iteration}: gradient norm {before.GradNorm:F2} (iteration {before.Iteration}) -> {at.GradNorm:F2}; largest element {largestElement[r.Iteration]:F2}: " +
                      (warned ? "the norm WAS high just before" : "the norm was NOT unusual just before") + (at.GradNorm >= high ? "; the highest of the run as it happens" : ""));
}

lesson.Prose("""
### What a table of every tenth iteration would have seen

The article's table shows iterations 1, 11, ..., 91. Sample the reproduced curve at the same iterations and analyse those ten points the way the article's were analysed: a rebound between two logged points is only seen if the loss at the later one is higher, whatever happened in between. The chart shows iterations 41 to the end (the whole run if it is shorter) on a linear axis, where the rebounds are.
""");

lesson.Code("resolution");
var tenPoints = log.Where(l => l.Iteration % 10 == 1).Select(l => (l.Iteration, l.Loss)).ToList();
if (tenPoints.Count < 2) Console.WriteLine($"A run of {log.Count} iterations has fewer than two of the article's logged iterations (1, 11, 21, ...), so there is no ten-point table to compare.");
else
{
    var tenCurve = LossCurve.Analyze(tenPoints, slopeWindow: 3);
    Console.WriteLine($"rebounds in the logged points: {(tenCurve.Rebounds.Count == 0 ? "none" : string.Join(", ", tenCurve.Rebounds.Select(r => r.Iteration)))}");
    int seenOnLogged = curve.Rebounds.Count(r => r.Iteration % 10 == 1);
    Console.WriteLine($"rebounds in the full curve: {(curve.Rebounds.Count == 0 ? "none" : string.Join(", ", curve.Rebounds.Select(r => r.Iteration)))}; " +
                      $"on a logged iteration: {seenOnLogged}: a table of every tenth iteration {(tenCurve.Rebounds.Count == 0 && curve.Rebounds.Count > 0 ? "HIDES every one of them" : "shows some")}");
}

int lateFrom = log.Count > 41 ? 41 : 1;   // the article's last logged point before its rebound, if the run gets there
var late = log.Where(l => l.Iteration >= lateFrom).ToList();
var lateTen = tenPoints.Where(p => p.Iteration >= lateFrom).ToList();
display(Plots.Lines(
    [new XYSeries("every iteration", late.Select(l => (double)l.Iteration).ToArray(), late.Select(l => l.Loss).ToArray()),
     new XYSeries("every tenth iteration (as the article logs)", lateTen.Select(p => (double)p.Iteration).ToArray(), lateTen.Select(p => p.Loss).ToArray(), SeriesStyle.Dashed),
     XYSeries.Rebounds(curve.Rebounds.Where(r => r.Iteration >= lateFrom), "rebound in the full curve")],
    $"The same run at two resolutions (iterations {lateFrom} to {log[^1].Iteration})", "iteration", "window loss (nats, summed over T characters)"));

lesson.Prose("""
## 3. The article's fixes, one at a time, over several seeds

If the rebound comes from a step that is too large, a fix that makes the steps smaller should remove it. The article proposes two: clip every gradient element to [−5, 5], and lower α from 0.05 to 0.005. A third, common in practice, clips the *global norm* of the gradient: when the L2 norm of all gradients together exceeds 5, the whole gradient is scaled down to norm 5, keeping its direction. The element clip only acts on a step with an element above 5; the norm clip acts on every step whose norm is above 5, and with the default settings the norm of these runs sits around 10 to 14 (section 2 prints it for yours).

The cell trains each fix alone under every seed (the main run above is seed 1 of the unfixed run) and shows, for every run, how many rebounds it has, where, its final loss, and how often each clip fired. `StabilityClaim` then compares each fix with the unfixed run *seed by seed*: the effect is the difference in rebounds per run, with a 95 % Student-*t* interval over the seeds, and the cost is the ratio of the final losses.
""");

lesson.Code("variants");
clock.Restart();
var runs = StabilityClaim.Train(corpus, stability, firstRuns).ToList();
foreach (var extra in extraVariants) runs.AddRange(SeedRuns.Train(corpus, extra.Name, extra.Settings, seeds, clipValue, clipNorm));
bool mainCounts = seeds.Contains(settings.Seed);
Console.WriteLine($"{runs.Count(r => r.SameAs is null && !firstRuns.Contains(r))} runs trained in {clock.Elapsed.TotalSeconds:F1} s " +
                  $"({(mainCounts ? $"the main run counts for seed {settings.Seed}" : $"the main run's seed {settings.Seed} is not in seeds, so it is not part of the comparison")}" +
                  $"{(firstRuns.Count > 1 ? $", and so does seed {firstRuns[1].Seed}'s unfixed run from section 2" : "")}; " +
                  $"{runs.Count(r => r.SameAs is not null)} clipped run(s) are the unfixed run because the clip never fired there)\n");

var runRows = runs.Select(r => (IReadOnlyList<string>)[
    r.Variant, r.Seed.ToString(), ReproductionRun.Analyze(r.Log, minRelativeRise).Rebounds.Count.ToString(),
    string.Join(", ", ReproductionRun.Analyze(r.Log, minRelativeRise).Rebounds.Select(b => $"{b.Iteration} (+{b.RelativeRise:P0})")),
    $"{r.Log[^1].Loss:F2}", $"{r.Clips!.LargestElement:F2}",
    r.Settings.ClipValue is not null ? $"{r.Clips!.ElementAbove} of {r.Clips!.Steps}" : "(off)",
    r.Settings.ClipNorm is not null ? $"{r.Clips!.NormAbove} of {r.Clips!.Steps} ({r.Clips!.NormShare:P0})" : "(off)",
    r.SameAs is null ? "" : "= the unfixed run (clip never fired)"]);
display(HTML(Views.Table(["variant", "seed", "rebounds", "at iteration (rise)", "final loss", "largest gradient element", "element clip fired", "norm clip fired", ""], runRows,
    caption: $"Every run of the comparison (rebounds: rises above {minRelativeRise:P0}; H = {settings.HiddenSize}, {settings.Iterations} iterations)")));

var firstSeed = seeds.Contains(settings.Seed) ? settings.Seed : seeds[0];
display(Plots.Overlay(runs.Where(r => r.Seed == firstSeed).Select(r => new RunCurve(r.Variant, r.Log)),
    IterationMetric.WindowLoss, $"The fixes, seed {firstSeed} (a clipped run that never clipped lies under the unfixed one)", logScale: true));

lesson.Code("variants-findings");
// Claim (f), judged from the runs above.
string? whyNotF = StabilityClaim.WhyNot(stability);
IReadOnlyList<ClaimEvidence> fixRows = whyNotF is null ? StabilityClaim.From(runs, stability) : [];
if (whyNotF is not null) Console.WriteLine(whyNotF);
string Interval(ClaimEvidence c) => double.IsNaN(c.Low) ? "one seed: no interval" : $"[{c.Low:+0.0;-0.0;0}, {c.High:+0.0;-0.0;0}]";
display(HTML(Views.Table(["claim", "the article says", "verdict", "rebounds per run, with minus without", "seeds", "evidence"],
    fixRows.Select(c => (IReadOnlyList<string>)[c.Id, c.Claim, ClaimsTable.Word(c.Verdict), $"{c.Effect:+0.0;-0.0;0} {Interval(c)}", c.TrainingSeeds.ToString(), c.Evidence]),
    caption: "Claim (f): does each fix stabilize training? (95 % t-interval over the seeds)")));
foreach (var c in fixRows) Console.WriteLine($"({c.Id}) {c.Claim} -> {ClaimsTable.Word(c.Verdict)}: {c.Effect:+0.0;-0.0;0} rebounds per run {Interval(c)}");

lesson.Prose("""
## 4. Noise or step size? Several seeds

The seed sets the random initial weights; nothing else in a run is random (every pass reads the text in the same order). So when the same settings with another seed rebound at other iterations, *where* a rebound falls is noise: an accident of the path the weights happened to take. What the seeds share is what the settings cause. Below, the rebounds per run of every variant (mean ± sd over the seeds, every rise and the rises above `minRelativeRise`), then the unfixed runs of every seed side by side, with each rebound marked.
""");

lesson.Code("rebound-counts");
var variantNames = runs.Select(r => r.Variant).Distinct().ToList();
IEnumerable<double> PerSeed(string variant, Func<IReadOnlyList<IterationLog>, int> count) => runs.Where(r => r.Variant == variant).Select(r => (double)count(r.Log));
int Rises(IReadOnlyList<IterationLog> l) => LossCurve.Analyze(l.Select(e => e.Loss).ToList()).Rebounds.Count;
display(Plots.GroupedBars(variantNames,
    [BarSeries.FromSamples("rises of any size", variantNames.Select(v => PerSeed(v, Rises))).ClippedTo(0),
     BarSeries.FromSamples($"rebounds (rises above {minRelativeRise:P0})", variantNames.Select(v => PerSeed(v, l => ReproductionRun.Analyze(l, minRelativeRise).Rebounds.Count))).ClippedTo(0)],
    $"Rises per run: mean ± sd over {seeds.Length} seed(s) ({settings.Iterations} iterations, H = {settings.HiddenSize})", "variant", "iterations whose loss rose (count per run)"));

lesson.Code("aggressive-seeds");
var unfixedRuns = StabilityClaim.Runs(runs, baseline);
int seedsFrom = Math.Max(1, settings.Iterations / 2);    // the second half, where the rebounds of the default settings are
display(Plots.Lines(
    [.. unfixedRuns.Select(r => new XYSeries($"seed {r.Seed}", r.Log.Where(l => l.Iteration >= seedsFrom).Select(l => (double)l.Iteration).ToArray(),
                                             r.Log.Where(l => l.Iteration >= seedsFrom).Select(l => l.Loss).ToArray())),
     XYSeries.Rebounds(unfixedRuns.SelectMany(r => ReproductionRun.Analyze(r.Log, minRelativeRise).Rebounds).Where(b => b.Iteration >= seedsFrom), "rebound (any seed)")],
    $"{baseline.Name}, {unfixedRuns.Count} seed(s) (iterations {seedsFrom} to {settings.Iterations})", "iteration", "window loss (nats, summed over T characters)"));

lesson.Code("seeds-findings");
// Where the unfixed runs rebound, seed by seed, and what they share.
var places = unfixedRuns.ToDictionary(r => r.Seed, r => ReproductionRun.Analyze(r.Log, minRelativeRise).Rebounds.Select(b => b.Iteration).ToHashSet());
foreach (var (seed, at) in places) Console.WriteLine($"seed {seed}: {at.Count} rebound(s){(at.Count == 0 ? "" : $" at {string.Join(", ", at.Order())}")}");
if (places.Count < 2) Console.WriteLine("one seed only: nothing to compare across seeds");
else
{
    var shared = places.Values.Aggregate((a, b) => a.Intersect(b).ToHashSet());
    var counts = places.Values.Select(p => p.Count).ToList();
    Console.WriteLine($"rebounds per seed: {counts.Min()} to {counts.Max()}; iterations where every seed rebounds: {(shared.Count == 0 ? "none" : string.Join(", ", shared.Order()))}: " +
                      (shared.Count == 0 && counts.Min() > 0 ? "whether rebounds happen is shared; where they happen is noise" : counts.Max() == 0 ? "no seed rebounds at these settings" : "some places are shared"));
}

lesson.Prose("""
## Reading the curves

The cells under each chart print what this run says. With the default settings the picture is this: the reproduced run rebounds, by about as much as the article's 51, but later and at places that move with the seed; a table of every tenth iteration hides those rebounds; the gradient norm does not warn of them; the element clip at 5 almost never fires (only in the first iteration, in some seeds), so it changes little or nothing; and the two fixes that do remove the rebounds, α = 0.005 and the norm clip at 5, do it by making every step smaller, and end far behind.

So the article's reading, "the update step may be slightly aggressive", fits the *kind* of rebound these runs show, but one rise between two logged points is not evidence for it: a single run cannot separate a step-size effect from a seed's accident, and neither of the article's fixes is a free cure.
""");

lesson.Prose("""
## Exercises

1. Lower `minRelativeRise` to 0 so that every rise counts. How many rebounds does the article's run have now? Which of them would you call instability?
2. Add a variant: `extraVariants.Add(new("extra", "alpha 0.2, clipped at 5", settings with { LearningRate = 0.2, ClipValue = 5 }));`. Does clipping at 5 calm the aggressive step? Then try `ClipValue = 0.5`. What do the "element clip fired" column and the largest gradient element say about which threshold can matter?
3. Add `extraVariants.Add(new("extra", "alpha 0.1", settings with { LearningRate = 0.1 }));` between the article's α and a more aggressive one. Does the rebound count rise with α?
4. Set `clipNorm = 12`, near the middle of the gradient norm's range. How often does the norm clip fire now, and does it still cost as much progress?
5. The article's table shows a rebound at 51 but the reproduced table does not. Write down two different curves of every iteration that would both produce the article's ten points.
""");

lesson.Finish();

// What the notebook kernel provides to every cell, as this app provides it.
void display(object? value) => lesson.Display(value);
static HtmlFragment HTML(string html) => new(html);
