// The file-based app twin of 05-warm-up-and-memorization.ipynb: the same lesson without a notebook host.
//   dotnet run 05-warm-up-and-memorization.cs                 from notebooks/
//   dotnet run notebooks/05-warm-up-and-memorization.cs       from the repository root
// It prints what the notebook prints and ends with the path of an offline HTML page (prose,
// code, outputs, charts). Edit the settings block (after lesson.Code("settings")) and rerun.
// Generated from the notebook, which stays the one source: change the notebook, then run
//   dotnet run -c Release --project src/CharLstmLab.Workbook -- --twins
#:project ../src/CharLstmLab.Charts/CharLstmLab.Charts.csproj
#:property Optimize=true

using CharLstmLab.Charts;
using CharLstmLab.Charts.Apps;
using CharLstmLab.Checkpoints;
using CharLstmLab.Diagnostics;
using CharLstmLab.Model;
using CharLstmLab.Reproduction;
using CharLstmLab.Sampling;
using CharLstmLab.Text;
using CharLstmLab.Training;

var lesson = LessonApp.Start("05-warm-up-and-memorization");

lesson.Prose("""
# 5 · Cold start, warm-up and memorization

> **Build first**, once, from the repository root: `dotnet build -c Release`. Then run the cells in order (or *Run All*).

The article gives two more reasons for nonsense at low loss and one warning. Sampling from a zero hidden state with a prompt of one `#` gives the model "almost no context", so it "can drift in early steps"; warming the state up with a longer prompt should help. And "some sampled lines strongly resemble the training corpus": memorization, for which it suggests training longer and adding data. This notebook measures each of these on the article's run.

**What you will learn**

- how to see early-step drift: the probability of each chosen character and the entropy of the distribution, step by step, after a cold `#` and after longer prompts from inside and outside the corpus;
- how to find copied text in a sample (`CorpusIndex`, `Memorization`), and see it marked, with the corpus line it came from;
- what validation loss says when you train longer: where it is lowest, and what it means when it rises while the training loss falls;
- whether more data helps: the small corpus against one 18 times larger, at the same number of training steps.
""");

lesson.Prose("""
## Settings

**This is the cell to edit.** The run is the article's (notebook 2) trained for longer; the model at iteration 91, the article's last row, is the one sampled in sections 1 and 2. The article proposes 300 iterations; 120 are enough to see what validation loss does and keep the notebook under a minute (`Iterations = 300` adds about 20 seconds). The larger corpus is 18 times longer, so each of its passes costs as much as 18 on the small one: `largeIterations = 3` is about as many training steps as 55 small passes.
""");

lesson.Code("settings");
// ─── Settings: edit, then rerun from here ────────────────────────────────────
var smallCorpusPath = "../data/small/field-guide.md";
var largeCorpusPath = "../data/large";                 // 23 files, 266 KB

// The article's run (H = 128, T = 14, B = 16, SGD alpha = 0.05, no clipping, seed 1), trained longer.
var settings = ReproductionSettings.Article with { Iterations = 120, SampleEvery = 0 };
int articleIteration = 91;                              // the model sampled in sections 1 and 2
int largeIterations = 3;                                // passes over the larger corpus

// Sampling: the article's recommendation, temperature 0.8, over many seeds.
var sampler = new SamplerSettings(SamplerKind.Temperature, Temperature: 0.8);
int[] seeds = Enumerable.Range(1, 20).ToArray();
int sampleLength = 300;
int driftSteps = 40;                                    // the first generated characters, looked at one by one

// Three ways to start: the article's cold "#", a warm-up taken from the corpus (the text from
// this heading on, cut at a line end), and a warm-up in the same style that is not in the corpus.
string warmFromCorpusAt = "## Logging a walk";
int warmLength = 180;
string warmNotInCorpus = "## Counting at dusk\n\nSome birds only show up late in the day, so an evening walk can add\nspecies that a morning walk never sees. Start it the same way, with\n";

lesson.Prose("""
## Training once, keeping three models

One run serves the whole notebook. While it trains, the cell keeps a copy of the model at three moments: at iteration 91 (the article's), at the iteration where the validation loss is lowest so far, and at the end. The larger corpus is only loaded here, to count its windows; it trains in section 4.
""");

lesson.Code("train");
var small = Corpus.Load(smallCorpusPath);
var trainer = new Trainer(small, settings);
var vocabulary = trainer.Vocabulary;
var index = new CorpusIndex(vocabulary.Decode(trainer.Split.Train));

CharLstm? atArticle = null, atBest = null;
int bestIteration = 0;
trainer.IterationCompleted += entry =>
{
    if (entry.Iteration == articleIteration) atArticle = trainer.Model.Clone();
    if (bestIteration == 0 || entry.ValMeanCe < trainer.Log[bestIteration - 1].ValMeanCe) { bestIteration = entry.Iteration; atBest = trainer.Model.Clone(); }
};
var clock = System.Diagnostics.Stopwatch.StartNew();
var log = trainer.Run();
var atEnd = trainer.Model;
Console.WriteLine($"{log.Count} iterations on the small corpus ({trainer.WindowsPerIteration} windows each) in {clock.Elapsed.TotalSeconds:F1} s");
Console.WriteLine($"kept: iteration {articleIteration} (training {log[articleIteration - 1].MeanCe:F3} nats/char), " +
                  $"iteration {bestIteration} (lowest validation, {log[bestIteration - 1].ValMeanCe:F3}), iteration {log.Count} (the end)");

lesson.Prose("""
## 1. Cold start and early-step drift

Generation feeds the prompt through the model one character at a time, from the zero state, and then starts choosing. After a single `#` the hidden state has seen one character; after a few lines of Markdown it has seen a heading, a paragraph, the style of the text. "Drift" would show in the first generated characters: a model that does not yet know where it is spreads its probability over many characters (high **entropy**) and gives the character it then draws a low **probability**.

The prompts, first. A warm-up "from the corpus" is text the model trained on; the one "not in the corpus" is new text in the same voice. The cell checks how much of each the corpus contains verbatim.
""");

lesson.Code("prompts");
int from = small.Text.IndexOf(warmFromCorpusAt, StringComparison.Ordinal);
string warmInCorpus = small.Text.Substring(from, warmLength);
warmInCorpus = warmInCorpus[..(warmInCorpus.LastIndexOf('\n') + 1)];
(string Name, string Text)[] prompts =
[
    ("cold start: \"#\"", "#"),
    ("warm-up from the corpus", warmInCorpus),
    ("warm-up not in the corpus", warmNotInCorpus),
];
foreach (var (name, text) in prompts)
    Console.WriteLine($"{name}: {text.Length} characters; longest stretch also in the corpus: {index.LongestCopiedSpan(text)?.Text.Length ?? 0} characters\n  {Views.Visible(text, 110)}");

lesson.Prose("""
Now generate `sampleLength` characters after each prompt with every seed, using the iteration-91 model, and record every step: the distribution the sampler drew from (temperature 0.8, as the article recommends) and the character it drew. The curves are means over the seeds, step by step, for the first `driftSteps` characters.
""");

lesson.Code("drift");
var generator = new TextGenerator(atArticle!, vocabulary);
double Entropy(float[] p) => -p.Where(q => q > 0).Sum(q => q * Math.Log2(q));

var generations = prompts.ToDictionary(p => p.Name,
    p => seeds.Select(seed => generator.Generate(p.Text, sampleLength, sampler.Create(), new Random(seed), recordSteps: true)).ToList());

double[] MeanPerStep(string prompt, Func<GenerationStep, double> measure) =>
    Enumerable.Range(0, driftSteps).Select(i => generations[prompt].Average(g => measure(g.Steps[i]))).ToArray();
double Chosen(GenerationStep s) => s.Probabilities[vocabulary.IdOf(s.Chosen)];

var entropy = prompts.ToDictionary(p => p.Name, p => MeanPerStep(p.Name, s => Entropy(s.Probabilities)));
var chosen = prompts.ToDictionary(p => p.Name, p => MeanPerStep(p.Name, Chosen));
foreach (var (name, _) in prompts)
    Console.WriteLine($"{name,-27} entropy: steps 1-10 {entropy[name][..10].Average():F2} bits, steps 11-{driftSteps} {entropy[name][10..].Average():F2} bits;   " +
                      $"p(chosen): steps 1-10 {chosen[name][..10].Average():P0}, steps 11-{driftSteps} {chosen[name][10..].Average():P0}");

display(Plots.Lines(prompts.Select(p => XYSeries.Numbered(p.Name, entropy[p.Name])),
    $"Entropy of the next-character distribution, mean over {seeds.Length} seeds", "generated character (step)", "entropy (bits)"));

lesson.Code("drift-chosen");
display(Plots.Lines(prompts.Select(p => XYSeries.Numbered(p.Name, chosen[p.Name])),
    $"Probability of the character drawn, mean over {seeds.Length} seeds", "generated character (step)", "probability of the drawn character"));

lesson.Prose("""
Entropy is about the model's uncertainty; the article's complaint is about words. So also measure the samples themselves, each one whole, with the diagnostics of notebook 2 (nonsense words, copied 24-character stretches), and the nonsense rate of the words in the first 60 generated characters alone, where drift would show.
""");

lesson.Code("drift-words");
var rows = prompts.Select(p =>
{
    var texts = generations[p.Name].Select(g => g.Text).ToList();
    var d = texts.Select(t => SampleDiagnostics.Measure(t, index)).ToList();
    double early = texts.Average(t => NonsenseWords.Measure(t[..60], index).Rate);
    return (IReadOnlyList<string>)[p.Name, $"{early:P0}", $"{d.Average(x => x.Nonsense.Rate):P0}", $"{d.Average(x => x.Memorization.NgramRate):P0}",
        $"{d.Sum(x => x.Memorization.CopiedLines)} of {d.Sum(x => x.Memorization.Lines)}", $"{d.Max(x => x.Memorization.Longest?.Text.Length ?? 0)}"];
});
display(HTML(Views.Table(["prompt", "nonsense, first 60 characters", "nonsense, whole sample", "copied", "whole lines copied", "longest copied stretch"], rows,
    caption: $"Samples of {sampleLength} characters from the iteration-{articleIteration} model, temperature {sampler.Temperature}, mean over {seeds.Length} seeds")));

lesson.Prose("""
## 2. Copied text, found and marked

`CorpusIndex` holds the training text in a suffix array, so for every position of a sample it can say how long a stretch starting there occurs verbatim in the corpus. Below, every stretch of 24 or more characters found in the corpus is marked in yellow, and the longest one in orange; the prompt is grey.

Which sample to show? The one with the largest copied share would be the obvious choice, but the guide's tables are padded with long runs of spaces, and a sample that writes a table row "copies" those runs without having learned anything. So the cell shows the sample whose longest copied stretch holds the most *letters*, with the corpus line it came from, and then the cold start with the first seed for contrast.
""");

lesson.Code("copied");
var all = prompts.SelectMany(p => generations[p.Name].Select((g, i) => (Prompt: p, Seed: seeds[i], Generation: g))).ToList();
int Letters(string text) => text.Count(char.IsLetter);
var mostCopied = all.MaxBy(s => Letters(index.LongestCopiedSpan(s.Generation.Text)?.Text ?? ""));
var report = Memorization.Measure(mostCopied.Generation.Text, index);
Console.WriteLine($"{mostCopied.Prompt.Name}, seed {mostCopied.Seed}: {report.NgramRate:P0} of its 24-character stretches are in the corpus, {report.CopiedLines} of {report.Lines} whole lines");
display(HTML(Views.Copied(mostCopied.Generation.Text, index, prompt: mostCopied.Prompt.Text)));

if (report.Longest is { } longest)
{
    string line = index.Text.Split('\n')[longest.CorpusLine - 1];
    Console.WriteLine($"longest copied stretch: {longest.Text.Length} characters, first found at corpus line {longest.CorpusLine}:");
    Console.WriteLine($"  sample: {Views.Visible(longest.Text, 140)}");
    Console.WriteLine($"  corpus: {Views.Visible(line, 140)}");
}

var cold = all.First(s => s.Prompt.Text == "#");
Console.WriteLine($"\ncold start, seed {cold.Seed}: {Memorization.Measure(cold.Generation.Text, index).NgramRate:P0} copied");
display(HTML(Views.Copied(cold.Generation.Text, index, prompt: cold.Prompt.Text)));

lesson.Prose("""
## 3. Training longer: what validation loss says

The last 10 % of the guide was held out: the model never trains on it. Its loss there (*validation loss*) measures how well the model predicts new text of the same kind. The article's advice "train longer" assumes more training makes a better model. The curve says when that stops being true.
""");

lesson.Code("longer");
var iterations = log.Select(l => (double)l.Iteration).ToArray();
var best = log[bestIteration - 1];
Console.WriteLine($"lowest validation loss: {best.ValMeanCe:F3} nats/char at iteration {bestIteration} (training {best.MeanCe:F3})");
foreach (int i in new[] { articleIteration, log.Count })
    Console.WriteLine($"iteration {i}: validation {log[i - 1].ValMeanCe:F3}, training {log[i - 1].MeanCe:F3}: the gap is {log[i - 1].ValMeanCe - log[i - 1].MeanCe:F2} nats/char");

display(Plots.Lines(
    [new XYSeries("training loss", iterations, log.Select(l => l.MeanCe).ToArray(), SeriesStyle.Line),
     new XYSeries("validation loss (held-out tail of the guide)", iterations, log.Select(l => l.ValMeanCe ?? double.NaN).ToArray(), SeriesStyle.Line),
     new XYSeries("lowest validation loss", [bestIteration], [best.ValMeanCe!.Value], SeriesStyle.Highlight)],
    "Training longer on the small corpus", "iteration", "loss (nats per character)"));

lesson.Prose("""
Past the lowest point the training loss keeps falling while the validation loss rises: the model is getting better at *this* text and worse at text like it. That is what memorizing looks like in the losses. Does it show in the samples too? Sample the three kept models the same way (cold `#`, temperature 0.8, every seed) and measure copying and nonsense.
""");

lesson.Code("memorize");
(string Name, CharLstm Model)[] kept =
[
    ($"iteration {bestIteration} (lowest validation)", atBest!),
    ($"iteration {articleIteration} (the article's)", atArticle!),
    ($"iteration {log.Count} (the end)", atEnd),
];
var keptDiagnostics = kept.Select(k =>
{
    var g = new TextGenerator(k.Model, vocabulary);
    return seeds.Select(seed => SampleDiagnostics.Measure(g.Generate("#", sampleLength, sampler.Create(), new Random(seed)).Text, index)).ToList();
}).ToList();
for (int k = 0; k < kept.Length; k++)
    Console.WriteLine($"{kept[k].Name,-32} copied {keptDiagnostics[k].Average(d => d.Memorization.NgramRate),4:P0}   nonsense {keptDiagnostics[k].Average(d => d.Nonsense.Rate),4:P0}   " +
                      $"whole lines copied {keptDiagnostics[k].Sum(d => d.Memorization.CopiedLines)} of {keptDiagnostics[k].Sum(d => d.Memorization.Lines)}");

display(Plots.GroupedBars(kept.Select(k => k.Name).ToArray(),
    [BarSeries.FromSamples("copied (24-character stretches in the corpus)", keptDiagnostics.Select(ds => ds.Select(d => d.Memorization.NgramRate))),
     BarSeries.FromSamples("nonsense words (not in the corpus)", keptDiagnostics.Select(ds => ds.Select(d => d.Nonsense.Rate)))],
    $"Samples from three points of the run (cold \"#\", T = {sampler.Temperature}, mean ± sd over {seeds.Length} seeds)", "model", "share of the sample"));

lesson.Prose("""
## 4. More data: the larger corpus

The article's other advice is "add more data". The larger corpus has 23 documents (software manuals, handbooks, study notes) and 18 times as many characters; it does not contain the Wren guide. Train the same model with the same settings for `largeIterations` passes, which is about as many optimizer steps as 55 passes over the small corpus, and compare the two at equal steps. Each model is scored on its own held-out tail, and the large-corpus model also on the guide's held-out tail, text it has never seen anything like.
""");

lesson.Code("large");
var large = Corpus.Load(largeCorpusPath);
var largeTrainer = new Trainer(large, settings with { Iterations = largeIterations });
var onGuide = new List<double>();
var guideHeldOut = vocabulary.Decode(trainer.Split.Validation);
largeTrainer.IterationCompleted += _ => onGuide.Add(Evaluator.MeanCrossEntropy(largeTrainer.Model, largeTrainer.Vocabulary.Encode(guideHeldOut)));
clock.Restart();
var largeLog = largeTrainer.Run();
Console.WriteLine($"{large.Files.Count} files, {large.Text.Length:N0} characters, V = {largeTrainer.Vocabulary.Size}: {largeIterations} passes of {largeTrainer.WindowsPerIteration} windows in {clock.Elapsed.TotalSeconds:F1} s");

int smallW = trainer.WindowsPerIteration, largeW = largeTrainer.WindowsPerIteration;
int equal = Math.Min(log.Count, (int)Math.Round((double)largeIterations * largeW / smallW));
var smallAtEqual = log[equal - 1];
var largeEnd = largeLog[^1];
var largeIndex = new CorpusIndex(largeTrainer.Vocabulary.Decode(largeTrainer.Split.Train));
var largeGenerator = new TextGenerator(largeTrainer.Model, largeTrainer.Vocabulary);
var largeSamples = seeds.Select(seed => SampleDiagnostics.Measure(largeGenerator.Generate("#", sampleLength, sampler.Create(), new Random(seed)).Text, largeIndex)).ToList();
var smallSamples = keptDiagnostics[1];

display(HTML(Views.Table(["model", "optimizer steps", "training", "own validation", "the guide's held-out tail", "copied (samples)", "nonsense (samples)"],
[
    [$"small corpus, iteration {bestIteration} (its best)", $"{bestIteration * smallW:N0}", $"{best.MeanCe:F3}", $"{best.ValMeanCe:F3}", $"{best.ValMeanCe:F3}", $"{keptDiagnostics[0].Average(d => d.Memorization.NgramRate):P0}", $"{keptDiagnostics[0].Average(d => d.Nonsense.Rate):P0}"],
    [$"small corpus, iteration {equal}", $"{equal * smallW:N0}", $"{smallAtEqual.MeanCe:F3}", $"{smallAtEqual.ValMeanCe:F3}", $"{smallAtEqual.ValMeanCe:F3}", "—", "—"],
    [$"small corpus, iteration {articleIteration}", $"{articleIteration * smallW:N0}", $"{log[articleIteration - 1].MeanCe:F3}", $"{log[articleIteration - 1].ValMeanCe:F3}", $"{log[articleIteration - 1].ValMeanCe:F3}", $"{smallSamples.Average(d => d.Memorization.NgramRate):P0}", $"{smallSamples.Average(d => d.Nonsense.Rate):P0}"],
    [$"large corpus, iteration {largeIterations}", $"{largeIterations * largeW:N0}", $"{largeEnd.MeanCe:F3}", $"{largeEnd.ValMeanCe:F3}", $"{onGuide[^1]:F3}", $"{largeSamples.Average(d => d.Memorization.NgramRate):P0}", $"{largeSamples.Average(d => d.Nonsense.Rate):P0}"],
], caption: "Losses in nats per character; samples: cold \"#\", temperature 0.8, judged against each model's own training text")));

display(Plots.Lines(
    [new XYSeries("small corpus: training", log.Select(l => (double)l.Iteration * smallW).ToArray(), log.Select(l => l.MeanCe).ToArray(), SeriesStyle.Dashed),
     new XYSeries("small corpus: validation (the guide's tail)", log.Select(l => (double)l.Iteration * smallW).ToArray(), log.Select(l => l.ValMeanCe ?? double.NaN).ToArray(), SeriesStyle.Line),
     new XYSeries("large corpus: training", largeLog.Select(l => (double)l.Iteration * largeW).ToArray(), largeLog.Select(l => l.MeanCe).ToArray(), SeriesStyle.Dashed),
     new XYSeries("large corpus: validation (its own tail)", largeLog.Select(l => (double)l.Iteration * largeW).ToArray(), largeLog.Select(l => l.ValMeanCe ?? double.NaN).ToArray()),
     new XYSeries("large-corpus model on the guide's tail", largeLog.Select(l => (double)l.Iteration * largeW).ToArray(), onGuide.ToArray())],
    "Small corpus against large corpus, at equal training steps", "optimizer steps (windows trained on)", "loss (nats per character)"));

lesson.Prose("""
## Reading the measurements

With the default settings, the measurements say:

- **A cold start is a little less certain, and not most at the start.** Over the first 10 generated characters the cold `#` averages 0.81 bits of entropy against 0.71 after either warm-up, and the character drawn had the same probability after all three (77 to 78 %). The excess sits at two steps, 2 and 7 (2.2 and 2.5 bits); at its other eight early steps the cold start averages 0.42 bits, surer than either warm-up. Step 2 follows the `# ` that opens the heading, so these are choices about what the heading says more than drift. From step 11 to 40 the cold start is less certain than in its own first ten steps: 0.91 bits and 71 %, against 0.68 bits and 78 % after the warm-up from the corpus and 0.83 bits and 73 % after the other. Only over steps 31 to 40 do the three meet, at about 0.85 bits.
- **Warm-up does little for nonsense.** After a cold `#` about 32 % of the words are not in the corpus; after a warm-up from the corpus 33 %; after a warm-up in the same style that is not in the corpus 30 %. In the first 60 characters alone: 33 %, 25 % and 31 %. A warm-up from text the model trained on helps at the start, not over the whole sample; a new one hardly helps anywhere. This model's nonsense is spread through the whole sample, not bunched in the first steps.
- **This model copies little, even when it is handed the corpus.** Between 2 % and 3 % of its 24-character stretches occur in the corpus, about one whole line in a hundred (3 of 307). The longest copied stretch, 60 characters, comes from a cold start (seed 11), not from a warm-up: the guide's instruction to begin a walk with `wren walk start` and end it with `wren walk stop` (corpus line 113). That sentence sits in the section the warm-up from the corpus is taken from, yet after that warm-up the longest copied stretch is shorter, 55 characters.
- **Validation loss is lowest at iteration 24 (2.10 nats per character) and rises from there**, to 3.14 at iteration 91 and 3.42 at 120, while the training loss falls to 0.26 at the end (0.16 at iteration 118). By the article's iteration 91 the model is far past its best on new text; what it learns after iteration 24 is the guide itself. Training longer on the same text, as the article advises, makes that worse.
- **In the samples, memorizing shows first as fewer nonsense words, not as copied lines.** From iteration 24 to 91 the nonsense rate falls from 46 % to 32 %, then stays there (33 % at 120). The copied share goes from 0 % to 3 %, then 2 %, and whole copied lines from 0 of 81 to 1 of 93, then 1 of 101. The model learns the guide's *words*; even at the end it recites almost none of its *lines*. After iteration 91 the samples barely change while the validation loss keeps rising, so the samples alone would not show the damage; and a falling nonsense rate is not by itself a sign of a better model.
- **More data helps where it counts.** At about the same number of training steps (3,200), the model trained on the larger corpus scores 1.96 nats per character on the guide's held-out tail, text from a guide it never saw, better than the small model ever does on its own guide (2.10 at best, 2.63 after the same number of steps). Its training and validation losses are close (1.98 and 2.08): it is still learning the language. Its samples are not better yet: after three passes, 47 % of their words are not in its (much larger) corpus.

So a cold start costs a little certainty, not a sample's worth of nonsense; memorization shows first in the validation loss, well before it shows as copied lines; and of the article's two remedies, more data helps and more passes over the same text hurt.
""");

lesson.Prose("""
## Exercises

1. Set `Iterations = 300`, the article's suggestion. Where is the validation loss at the end? Is the lowest point still the same iteration?
2. Change `sampler` to `new SamplerSettings(SamplerKind.Greedy)`. The drift curves now show the model's own top probability; which prompt gives the most confident start, and does greedy from a warm-up in the corpus recite the corpus?
3. Write a warm-up of your own on a topic far from bird counting (a recipe, a changelog). How do the entropy curve and the nonsense rate compare with the warm-up in the guide's style?
4. Sample from the large-corpus model with a warm-up taken from the guide. It has never seen the guide: does it continue in the guide's style, and how much of what it writes is copied from its own corpus?
5. Stop the small run at its lowest validation loss (set `Iterations` to the iteration section 3 found) and compare its greedy samples with those at iteration 91 in notebook 2. Which one would you call better, and by which measurement?
""");

lesson.Finish();

// What the notebook kernel provides to every cell, as this app provides it.
void display(object? value) => lesson.Display(value);
static HtmlFragment HTML(string html) => new(html);
