// The file-based app twin of 07-the-claims.ipynb: the same lesson without a notebook host.
//   dotnet run 07-the-claims.cs                 from notebooks/
//   dotnet run notebooks/07-the-claims.cs       from the repository root
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

var lesson = LessonApp.Start("07-the-claims");

lesson.Prose("""
# 7 · The article's claims, measured

> **Build first**, once, from the repository root: `dotnet build -c Release`. Then run the cells in order (or *Run All*).

Notebooks 2 to 5 take the article's claims apart one at a time. This notebook puts them side by side: it trains every run the claims need, under the same training seeds, and prints one table with a verdict for each claim and the evidence behind it. The table is computed here, from runs, by the same library call as `charlstm claims`; nothing in it is typed in by hand.

**What you will learn**

- what each of the article's claims says, and which measurement puts it to the test;
- how to read a verdict: *holds*, *does not hold*, *depends on* (the model, the stage of training, what one calls stable), or *not established* (these seeds cannot tell the effect from none);
- why one training seed is not evidence, and what a 95 % t-interval over a few seeds does and does not tell you;
- how an effect compares with its own interval, on one chart for claims measured in different units;
- where in the workbook to look when you want to see a claim's runs in full.
""");

lesson.Prose("""
## Settings

**This is the cell to edit.** `ClaimsTableSettings` holds every run the table needs, with the defaults of the notebooks that study each claim: the article's run (`ReproductionSettings.Article`: *H* = 128, *T* = 14, SGD with alpha = 0.05, 91 iterations) for claims (a), (b), (c), (e) and the unfixed arm of (f); the same run with each fix for (f); notebook 4's Adagrad model for (d) and the snowball. Every claim is measured under each training seed in `Seeds`. The runs train side by side, one core each; `Threads` caps how many at once and does not change a single number.
""");

lesson.Code("settings");
// ─── Settings: edit, then rerun from here ────────────────────────────────────
var corpusPath = "../data/small/field-guide.md";
var settings = new ClaimsTableSettings
{
    Seeds = [1, 2, 3],          // training seeds of every claim; one seed gives no interval
    Threads = 0,                // runs trained at once (0: one per core); the table does not depend on it
};
// Other knobs, each as its notebook names it, for example:
//   settings = settings with { Article = settings.Article with { Iterations = 120 } };    // train the article's run longer
//   settings = settings with { Decoding = settings.Decoding with { Iterations = 90 } };   // notebook 4's model, trained longer
//   settings = settings with { Temperature = 0.5 };                                       // the temperature set against greedy

lesson.Prose("""
## 1. The runs behind the table

Each claim is judged by a measurement chosen so that it could come out either way (the counts below, ten iterations, 60 characters, ten steps, are the default settings'):

| claim | what the article says | what is measured, per training seed |
|---|---|---|
| (a) | the loss falls from 60.49 to 0.23 in 91 iterations, with a rebound at 51 | the first window's loss, the loss at 91 as a multiple of 0.23, a rise at 51 |
| (b) | at 91 the loss is still improving | the mean loss of the last ten iterations against the ten before, and the validation loss beside it |
| (c) | the model memorizes | how far the validation loss climbs after its lowest point while the training loss keeps falling |
| (d) | greedy decoding accumulates errors; temperature 0.8 is better | greedy's faulty share (its loop, plus invented words in the rest: a real English word the corpus lacks is not an error) minus that of temperature 0.8, at three stages of training |
| (d, snowball) | one wrong character feeds the next | one character forced into a text: how much of the next 60 characters changes, greedy minus sampling |
| (e) | a longer warm-up prompt reduces early drift | the entropy of the first ten generated characters, cold `#` minus a warm-up |
| (f) | clipping at 5 and alpha = 0.005 stabilize training | rebounds per run with the fix minus without (paired by seed), and what the fix costs in final loss |

The article's run serves five of these claims, so it is trained once per seed and read by all five. A clipped run is trained only where the clip fires in the article's run of the same seed: a clip that never fires changes no step, so its run would be the article's, bit for bit. The next cell trains everything and prints how many runs that took (with the default settings, about a dozen; on two cores, expect most of a minute).
""");

lesson.Code("run");
var corpus = Corpus.Load(corpusPath);
var clock = System.Diagnostics.Stopwatch.StartNew();
var report = ClaimsTable.Run(corpus, settings);
Console.WriteLine($"{report.TrainedRuns} runs over {settings.Seeds.Count} training seed(s) ({string.Join(", ", settings.Seeds)}) in {clock.Elapsed.TotalSeconds:F1} s; " +
                  $"{report.Rows.Count} rows.");
foreach (var why in report.NotMeasured) Console.WriteLine($"Not measured: {why}");

lesson.Prose("""
## 2. The table

One row per claim, in the article's order. *Effect* is the one number the verdict rests on, its mean over the training seeds, with a 95 % t-interval for that mean: with three seeds the interval is wide, and a verdict of *holds* or *does not hold* for a difference needs the interval to lie on one side of zero. *Evidence* says what was run and what came out, in the run's own numbers. *Where* points to the notebook that shows the claim's runs in full.
""");

lesson.Code("table");
display(HTML(Views.Table(["claim", "verdict", "training seeds", "effect, mean [95 % t-interval]", "evidence", "where"],
    report.Rows.Select(r => (IReadOnlyList<string>)[$"({r.Id}) {r.Claim}", ClaimsTable.Word(r.Verdict), $"{r.TrainingSeeds}",
        $"{r.EffectName}: {ClaimsTable.EffectWithInterval(r)}", r.Evidence, r.Where]),
    caption: $"The article's claims over {settings.Seeds.Count} training seed(s), computed in this run")));

foreach (var verdict in Enum.GetValues<Verdict>())
{
    var these = report.Rows.Where(r => r.Verdict == verdict).Select(r => $"({r.Id})").ToList();
    Console.WriteLine($"In this run {these.Count} of {report.Rows.Count} rows {(these.Count == 1 ? "reads" : "read")} '{ClaimsTable.Word(verdict)}'" +
                      (these.Count > 0 ? $": {string.Join(", ", these)}." : "."));
}

lesson.Prose("""
## 3. Each effect against its own interval

The effects are in different units (a ratio of losses, a share of text, bits, rebounds per run), so one axis cannot show them as they are. What they share is a question: is the effect clearly away from the value where the claim would flip? For every claim but (a) that value is 0 (the effect is a difference); for (a) it is 1 (the measured loss as a multiple of the article's). The chart divides each effect's distance from that value by half the width of its 95 % interval. A bar with its error bar (±1) clear of 0 has an interval that excludes "no effect"; a bar whose error bar crosses 0 does not. A claim measured on one seed has no interval, and one whose seeds all gave the same number has an interval of no width: both are left out, with a line saying so.
""");

lesson.Code("chart");
var withInterval = report.Rows.Where(r => double.IsFinite(r.Low) && double.IsFinite(r.High) && r.High > r.Low).ToList();
double Standardized(ClaimEvidence r) => (r.Effect - ClaimsTable.NoEffect(r)) / ((r.High - r.Low) / 2);
var clear = withInterval.Where(r => Math.Abs(Standardized(r)) > 1).Select(r => $"({r.Id})").ToList();
var unclear = withInterval.Where(r => Math.Abs(Standardized(r)) <= 1).Select(r => $"({r.Id})").ToList();
if (withInterval.Count == 0)
    Console.WriteLine("No row has an interval (one training seed, or every seed gave the same number), so there is nothing to draw: add seeds to Seeds.");
else
{
    Console.WriteLine($"In this run the interval excludes the no-effect value for {clear.Count} of {withInterval.Count} rows" +
                      (clear.Count > 0 ? $" ({string.Join(", ", clear)})" : "") +
                      (unclear.Count > 0 ? $"; it includes it for {string.Join(", ", unclear)}, where these seeds cannot tell the effect from none." : "."));
    display(Plots.GroupedBars(withInterval.Select((r, i) => $"{i + 1}. ({r.Id})").ToArray(),
        [new BarSeries("effect minus no effect, in half-widths of its 95 % interval", withInterval.Select(Standardized).ToArray(),
            withInterval.Select(_ => 1.0).ToArray())],
        $"Each claim's effect against its interval ({settings.Seeds.Count} training seeds; error bar = the interval)", "claim (row of the table)",
        "distance from no effect / half the interval's width",
        [new ReferenceLine("no effect", 0)]));
}
foreach (var r in report.Rows.Except(withInterval))
    Console.WriteLine(double.IsFinite(r.Low) && r.High == r.Low
        ? $"({r.Id}) is not drawn: every training seed gave the same effect, {ClaimsTable.EffectWithInterval(r)}, so its interval has no width to measure against."
        : $"({r.Id}) is not drawn: one training seed gives no interval.");

lesson.Prose("""
## Reading the table

- **A verdict is only as wide as its runs.** Every row is measured at one configuration of the model, corpus and training. *Does not hold* means "not in these runs", and the evidence says which runs; notebooks 2 to 5 show what changes when a setting does.
- ***Depends on* is an answer, not a shrug.** For (d) it means greedy and temperature 0.8 swap places between training stages: read the stages in the evidence and in notebook 4's chart of the two strategies as the model trains. For (f) it means the fix removes rebounds only by learning far less.
- ***Not established* is not *does not hold*.** It means every interval the verdict rests on includes the no-effect value: these seeds cannot tell the effect from none, in either direction. More seeds narrow an interval (roughly as one over the square root of their number) and may settle it.
- **A row that is not there was not measured.** The cell under *The runs behind the table* names each claim the settings could not measure, and why.
""");

lesson.Prose("""
## Exercises

1. Set `Seeds = [1, 2, 3, 4, 5]` and rerun. Which intervals narrow enough to change a verdict? Which verdicts stay as they were?
2. Set `Seeds = [4, 5, 6]`: the same number of seeds, different ones. Do the verdicts survive a change of seeds? Which evidence numbers move the most?
3. Train notebook 4's model longer (`Decoding = settings.Decoding with { Iterations = 90 }`). Does the verdict of (d) change? Compare its three stages in the evidence with notebook 4's chart after the same edit.
4. Set `Article = settings.Article with { Iterations = 60 }`. Which claims can the table still measure, and what does it say about the others?
5. Claim (e) is judged by entropy over the first ten steps (`DriftSteps`). Set `DriftSteps = 40` and rerun. Does a warm-up still help once more of the text is counted?
6. Run `charlstm claims --seeds 3` from the repository root (`dotnet run -c Release --project src/CharLstmLab.Cli -- claims`) and compare its table with this one, row by row: they should agree to the last digit.
""");

lesson.Finish();

// What the notebook kernel provides to every cell, as this app provides it.
void display(object? value) => lesson.Display(value);
static HtmlFragment HTML(string html) => new(html);
