// The file-based app twin of 04-greedy-vs-temperature.ipynb: the same lesson without a notebook host.
//   dotnet run 04-greedy-vs-temperature.cs                 from notebooks/
//   dotnet run notebooks/04-greedy-vs-temperature.cs       from the repository root
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
using CharLstmLab.Inspection;
using CharLstmLab.Model;
using CharLstmLab.Reproduction;
using CharLstmLab.Sampling;
using CharLstmLab.Text;
using CharLstmLab.Training;

var lesson = LessonApp.Start("04-greedy-vs-temperature");

lesson.Prose("""
# 4 · Greedy decoding versus temperature sampling

> **Build first**, once, from the repository root: `dotnet build -c Release`. Then run the cells in order (or *Run All*).

The article ends its list of causes for nonsense words with *greedy decoding error accumulation*: always taking the most likely next character can start a wrong branch, and in autoregressive generation one wrong character feeds the next. Its fix is to *sample* from the distribution instead, with a temperature. This notebook takes that advice apart, one cell at a time, on a small model trained in the first cells.

**What you will learn**

- what the model's next-character distribution looks like after a prompt, and what `argmax` picks from it;
- how the article's `softmax_sample` works, written out in C#, and what `np.random.choice(len(probs), p=probs)` really does;
- how temperature reshapes the distribution, from nearly greedy (0.2) to much flatter (1.5);
- beam search, which looks for the most probable continuation instead of choosing one character at a time;
- how the texts of different strategies differ, over several seeds, measured: nonsense words (invented, or real words the corpus lacks), copied text, loops and Markdown structure;
- where an invented word leaves the corpus's words, character by character, and what the model preferred there;
- whether the answer depends on the model: greedy against temperature 0.8 from under-trained to overfit, over several training seeds;
- the article's mechanism, "one wrong character snowballs", tested directly by forcing one wrong character;
- where top-k and top-p sampling fit in, as the next step.
""");

lesson.Prose("""
## Settings

**This is the cell to edit.** Change a value, then run the notebook again from here. The model is deliberately small so it trains in seconds; to study a better model, raise `Iterations` or `HiddenSize` (see *Scaling up* in notebook 1), or load a checkpoint as shown in the next cell. One model is not evidence, so the same settings are trained once per seed in `trainingSeeds` (at the same time, one core each); the model sampled in the first sections is the one with `Seed`, and all of them serve the last two sections.
""");

lesson.Code("settings");
// ─── Settings: edit, then rerun from here ────────────────────────────────────
var corpusPath = "../data/small/field-guide.md";
var settings = new TrainingSettings
{
    HiddenSize = 128, EmbeddingSize = 32, SeqLength = 25, BatchSize = 16,
    Optimizer = OptimizerKind.Adagrad,   // min-char-rnn's optimizer: readable text after a few seconds
    LearningRate = 0.1, ClipValue = 5,
    Iterations = 30, SampleEvery = 0, Seed = 1,
};
var prompt = "## ";                           // what the model reads before it predicts
double[] temperatures = [0.2, 0.5, 0.8, 1.0, 1.5];
int topK = 10;                                // top-k keeps the k most likely characters
double topP = 0.9;                            // top-p keeps the fewest characters whose probability reaches p
int sampleLength = 240;
int beamWidth = 5;                            // beam search keeps this many best continuations at every step (1 = greedy)
int[] seeds = [1, 2, 3, 4, 5];                // one sample proves little: compare strategies over several seeds

// The claims at the end: several trained models, not only several samples from one.
int[] trainingSeeds = [1, 2, 3];              // Seed above is always trained too
int checkpoints = 8;                          // models kept on the way, from iteration 1 to Iterations (log spaced)
double articleTemperature = 0.8;              // the temperature the article recommends
int[] forceAt = [20, 60, 100, 140];           // where the snowball test forces one wrong character
int snowballHorizon = 60;                     // how many characters after it are compared

lesson.Prose("""
## A small model to sample from

Sampling strategies only differ when the model has something to say, so first train for a few seconds. The runs are seeded, so every rerun gives the same models. Each run keeps copies of its model on the way (at `checkpoints` iterations and at its lowest validation loss) for the section *Greedy against temperature as the model trains*.
""");

lesson.Code("train");
var corpus = Corpus.Load(corpusPath);
int[] trainedSeeds = trainingSeeds.Prepend(settings.Seed).Distinct().ToArray();
var keepAt = StagedRun.LogGrid(settings.Iterations, checkpoints);
var clock = System.Diagnostics.Stopwatch.StartNew();
var runs = StagedRun.TrainAll(corpus, trainedSeeds.Select(s => settings with { Seed = s }).ToList(), keepAt);
var run = runs[0];                            // the run with settings.Seed
var model = run.End.Model;
var vocabulary = run.Vocabulary;
int V = vocabulary.Size;
var last = run.Log[^1];
Console.WriteLine($"{runs.Count} run(s) of {settings.Iterations} iterations (training seeds {string.Join(", ", trainedSeeds)}) in {clock.Elapsed.TotalSeconds:F1} s");
Console.WriteLine($"seed {settings.Seed}, sampled below: training {last.MeanCe:F3}, validation {last.ValMeanCe:F3} nats per character; " +
                  $"lowest validation {run.Best.ValidationCe:F3} at iteration {run.Best.Iteration}");

// To study a model trained elsewhere (a longer run, the CLI), load its checkpoint instead:
//   var checkpoint = Checkpoint.Load("path/to/model.clm");
//   var model = checkpoint.Model; var vocabulary = checkpoint.Vocabulary;

lesson.Prose("""
## The next-character distribution

Generation starts from the zero state. The prompt is fed in one character at a time, which *warms up* the hidden state, and after its last character the model produces *V* scores, the *logits*. Softmax turns them into probabilities. This is everything the model knows about what comes next; every decoding strategy below is just a rule for picking one character from it.
""");

lesson.Code("distribution");
float[] LogitsAfter(string text)
{
    var stepper = new Stepper(model);
    var result = new float[V];
    foreach (int id in vocabulary.Encode(text)) stepper.Step(id, result);
    return result;
}

var logits = LogitsAfter(prompt);
var probabilities = new float[V];
Softmax.Probabilities(logits, probabilities);
int best = GreedySampler.ArgMax(logits);

Console.WriteLine($"the five most likely characters after \"{prompt}\":");
foreach (int id in Enumerable.Range(0, V).OrderByDescending(i => probabilities[i]).Take(5))
    Console.WriteLine($"  {CharLabels.Of(vocabulary[id]),-6} {probabilities[id],7:P1}");

display(Plots.NextCharacter(vocabulary, probabilities, top: 20,
    title: $"What the model expects after \"{prompt}\" (red: the argmax)", chosen: vocabulary[best]));

lesson.Prose("""
## Greedy decoding: always the argmax

The article's sampling loop does `pred_index = np.argmax(pred.data)`: take the single most likely character, feed it back, repeat. It is deterministic, so the seed does not matter and the same prompt always gives the same text. When the top two characters are nearly tied, a small difference in the logits decides, and everything after follows from that choice. Greedy text also goes where the model is most certain: with a weak model that is a loop (once it predicts a phrase it has written, it writes it again); with the small but well-fit model of the default settings it is pieces of the training text, stitched together, such as the guide's instruction to start a walk with `wren walk start`. The cell says which of the two this run's greedy text is.
""");

lesson.Code("greedy");
Console.WriteLine($"argmax after \"{prompt}\": {CharLabels.Of(vocabulary[best])} with p = {probabilities[best]:P1}");
var runnerUp = Enumerable.Range(0, V).Where(i => i != best).MaxBy(i => probabilities[i]);
Console.WriteLine($"runner-up: {CharLabels.Of(vocabulary[runnerUp])} with p = {probabilities[runnerUp]:P1}\n");

var generator = new TextGenerator(model, vocabulary);
var greedy = generator.Generate(prompt, sampleLength, new GreedySampler(), new Random(0));
Console.WriteLine(greedy);

var greedyRepetition = Repetition.Measure(greedy.Text);
var greedyCopied = new CorpusIndex(vocabulary.Decode(run.Split.Train)).LongestCopiedSpan(greedy.Text);
Console.WriteLine();
if (string.IsNullOrWhiteSpace(greedy.Text)) Console.WriteLine("In this run the greedy text is blank: the model's most likely character after a space is another space.");
else if (greedyRepetition.LoopFraction > 0) Console.WriteLine($"In this run the greedy text ends in a loop: \"{Views.Visible(greedyRepetition.Loop, 40)}\" over and over, {greedyRepetition.LoopFraction:P0} of it.");
else Console.WriteLine("In this run the greedy text does not end in a loop.");
Console.WriteLine($"Its longest stretch found word for word in the training text: {greedyCopied?.Text.Length ?? 0} characters" +
                  (greedyCopied is { } span && span.Text.Trim().Length > 0 ? $", \"{Views.Visible(span.Text, 80)}\"" : "") + ".");

lesson.Prose("""
## `softmax_sample`, written out

Here is the article's function next to a line-by-line C# version. `np.random.choice(len(probs), p=probs)` chooses index *i* with probability exactly `probs[i]`: lay the probabilities end to end on [0, 1), throw a uniform random number *u*, and return the index of the segment it lands in. Subtracting the maximum before `exp` changes nothing mathematically (it cancels in the division) but keeps `exp` from overflowing.

```python
def softmax_sample(logits, temperature=0.8):
    logits = logits / temperature
    probs = np.exp(logits - np.max(logits))
    probs /= probs.sum()
    return np.random.choice(len(probs), p=probs)
```
""");

lesson.Code("softmax-sample");
int SoftmaxSample(float[] logits, double temperature, Random rng)
{
    double[] scaled = logits.Select(l => l / temperature).ToArray();   // logits / temperature
    double max = scaled.Max();
    double[] probs = scaled.Select(l => Math.Exp(l - max)).ToArray();  // np.exp(logits - np.max(logits))
    double sum = probs.Sum();
    for (int i = 0; i < probs.Length; i++) probs[i] /= sum;            // probs /= probs.sum()
    return Choice(probs, rng);                                         // np.random.choice(len(probs), p=probs)
}

int Choice(double[] p, Random rng)
{
    double u = rng.NextDouble(), cumulative = 0;
    for (int i = 0; i < p.Length; i++)
    {
        cumulative += p[i];
        if (u < cumulative) return i;
    }
    return p.Length - 1;   // u landed past the end through rounding
}

var rng = new Random(settings.Seed);
var draws = Enumerable.Range(0, 12).Select(_ => CharLabels.Of(vocabulary[SoftmaxSample(logits, 0.8, rng)]));
Console.WriteLine($"twelve draws after \"{prompt}\" at T = 0.8: {string.Join("  ", draws)}");

// The library's TemperatureSampler follows the same recipe; with the same seed it makes the same choices.
var ours = new Random(7);
var library = new Random(7);
var sampler = new TemperatureSampler(0.8);
var scratch = new float[V];
int agree = Enumerable.Range(0, 1000).Count(_ => SoftmaxSample(logits, 0.8, ours) == sampler.Sample(logits, scratch, library));
Console.WriteLine($"our softmax_sample and TemperatureSampler agree on {agree} of 1000 draws");

lesson.Prose("""
### The article's example: `[0.1, 0.6, 0.3]`

"Index 0 is selected with 10 %, 1 with 60 %, and 2 with 30 %." That is a statement about many draws, not one. Draw 10,000 times and compare the shares with the probabilities. With *n* draws the share of an index with probability *p* wanders by about √(*p*(1−*p*)/*n*) around *p*, which is at most half a percentage point here.
""");

lesson.Code("choice-10000");
double[] example = [0.1, 0.6, 0.3];
const int Draws = 10_000;
var counts = new int[example.Length];
var drawRng = new Random(settings.Seed);
for (int n = 0; n < Draws; n++) counts[Choice(example, drawRng)]++;

var shares = counts.Select(c => (double)c / Draws).ToArray();
for (int i = 0; i < example.Length; i++)
    Console.WriteLine($"index {i}: p = {example[i]:F1}, drawn {counts[i],5:N0} times = {shares[i]:P2}   (expected wander ±{Math.Sqrt(example[i] * (1 - example[i]) / Draws):P2})");

display(Plots.GroupedBars(["index 0", "index 1", "index 2"],
    [new BarSeries("probability p[i]", example), new BarSeries($"share of {Draws:N0} draws", shares)],
    $"np.random.choice(3, p=[0.1, 0.6, 0.3]), drawn {Draws:N0} times", "index", "probability or share of draws"));

lesson.Prose("""
## Temperature reshapes the distribution

Dividing the logits by *T* before softmax keeps their order but changes their gaps. Below 1 the gaps grow and the top character takes more of the probability (as *T* → 0 this becomes the argmax); above 1 the gaps shrink and unlikely characters get a real chance. The *entropy* measures how spread out a distribution is: 2^entropy is the number of equally likely characters that would be just as uncertain.
""");

lesson.Code("temperature-sweep");
var sweep = temperatures.Select(t =>
{
    var p = new float[V];
    Softmax.Probabilities(logits, p, (float)t);
    return new DistributionSeries(new TemperatureSampler(t).Name, p);   // named as in every chart below, so it keeps its colour
}).ToList();

foreach (var s in sweep)
{
    double entropy = -s.Probabilities.Where(q => q > 0).Sum(q => q * Math.Log2(q));
    Console.WriteLine($"{s.Name,-8}  top character {s.Probabilities.Max(),6:P1}   entropy {entropy:F2} bits  (~{Math.Pow(2, entropy):F1} equally likely characters)");
}

display(Plots.NextCharacterComparison(vocabulary, sweep, top: 12, title: $"The distribution after \"{prompt}\" at each temperature"));

lesson.Prose("""
## The strategies side by side

Same model, same prompt, same seed; only the rule for picking the next character changes. Top-k and top-p (explained at the end) run at temperature 1.
""");

lesson.Code("samples");
var strategies = new List<ISampler> { new GreedySampler() };
strategies.AddRange(temperatures.Select(t => (ISampler)new TemperatureSampler(t)));
strategies.Add(new TopKSampler(topK));
strategies.Add(new TopPSampler(topP));

foreach (var strategy in strategies)
{
    var text = generator.Generate(prompt, sampleLength, strategy, new Random(seeds[0]));
    Console.WriteLine($"── {strategy.Name} ──\n{text}\n");
}

lesson.Prose("""
### Beam search: the most probable text, not the most probable next character

Greedy takes the best *next* character; the best *text* can start with a worse one. Beam search keeps the `beamWidth` most probable continuations at every step (each scored by the sum of its characters' ln *p*), extends each by every character, and keeps the best `beamWidth` of those. Every beam has the same length, so no length penalty is needed: at the end the most probable continuation of exactly `sampleLength` characters wins. Width 1 is greedy. Users of char-rnn and torch-rnn who tried it found it "more conservative, similar to a lower temperature"; the diagnostics below say whether that holds here: does it avoid greedy's loops and nonsense, or copy even more? Like greedy it uses no randomness, so every seed gives the same text.
""");

lesson.Code("beam");
var beam = BeamSearch.Generate(model, vocabulary, prompt, sampleLength, beamWidth);
string beamName = $"beam search (width {beamWidth})";
Console.WriteLine($"── {beamName} ──\n{beam}\n");
// The same sum for greedy's text, read back character by character. A wider beam usually finds a more probable text, not always:
// it can drop greedy's path early for beams that looked better then.
double greedyLogProbability = -CharacterReader.Read(model, vocabulary, greedy.Text, prompt).Scores.Sum(s => s.Surprisal);
Console.WriteLine($"ln p of the {sampleLength} generated characters: beam search {beam.LogProbability:F1}, greedy {greedyLogProbability:F1}" +
                  (beam.Text == greedy.Text ? ": the same text." : beam.LogProbability > greedyLogProbability ? ": beam search found a more probable text."
                                                                 : ": beam search found a LESS probable text than greedy (a beam too narrow to keep greedy's path)."));

lesson.Prose("""
### How surprising is each strategy's text to the model itself?

One way to put a number on "too safe" and "too wild": score every sample with the model's own loss (nats per character, at temperature 1), over several seeds, and draw two references beside them: the training text, which the model was fit to, and the held-out validation text, new text of the same kind.

- A strategy that scores near or below the *training* text is replaying what the model knows best: often stretches of the corpus, word for word.
- A strategy that scores far above it is writing characters the model itself thought unlikely: that is where nonsense words come from.
- The gap between the two reference lines is the model's own problem, not the sampler's: a small model trained on one short guide has learned the guide better than the language (notebook 5 is about that).
""");

lesson.Code("surprise");
var samples = strategies.ToDictionary(
    s => s.Name,
    s => seeds.Select(seed => generator.Generate(prompt, sampleLength, s, new Random(seed)).ToString()).ToList());
samples[beamName] = seeds.Select(_ => beam.ToString()).ToList();   // deterministic, like greedy: the same text for every seed

double Surprise(string text) => Evaluator.MeanCrossEntropy(model, vocabulary.Encode(text));

var names = samples.Keys.ToArray();
var scores = names.Select(n => samples[n].Select(Surprise).ToArray()).ToArray();
double trainingText = Evaluator.MeanCrossEntropy(model, run.Split.Train);
double heldOutText = run.Split.Validation.Length >= 2 ? Evaluator.MeanCrossEntropy(model, run.Split.Validation) : double.NaN;
for (int i = 0; i < names.Length; i++) Console.WriteLine($"{names[i],-20} {scores[i].Average():F3} ± {BarSeries.StandardDeviation(scores[i]):F3}");
Console.WriteLine($"{"training text",-20} {trainingText:F3}\n{"held-out text",-20} {heldOutText:F3}");
var leastSurprising = names.Zip(scores).MinBy(p => p.Second.Average());
Console.WriteLine($"In this run the least surprising texts come from {leastSurprising.First} ({leastSurprising.Second.Average():F3}), " +
                  (leastSurprising.Second.Average() < trainingText ? "below" : "above") + $" the training text ({trainingText:F3}).");

display(Plots.GroupedBars(names,
    [new BarSeries($"samples: mean over {seeds.Length} seeds (error bar: 1 sd)", scores.Select(s => s.Average()).ToArray(), scores.Select(BarSeries.StandardDeviation).ToArray())],
    "How surprising each strategy's text is to the model", "strategy", "model's loss on the text (nats per character)",
    double.IsFinite(heldOutText) ? [new ReferenceLine("training text", trainingText), new ReferenceLine("held-out text", heldOutText)] : [new ReferenceLine("training text", trainingText)]));

lesson.Prose("""
## Per-strategy diagnostics

The surprise score says how unlikely a text is to the model, not what is wrong with it. The article's claims are about particular faults, so measure those on the same samples (every strategy, every seed in `seeds`), with `SampleDiagnostics.Measure` against the training text:

- **nonsense words**: the share of the sample's words that never occur in the training text, split in two: **invented** words, in no English dictionary either (the article's `forkfnal` and `Compla`), and **unseen real** words, real English the small corpus just never uses (`shower`, `noted`);
- **copied**: the share of the sample's 24-character stretches found verbatim in the training text (memorization);
- **loop**: the share of the sample taken up by a repeating tail (greedy decoding's failure mode);
- **Markdown**: the share of non-blank lines that are Markdown blocks: headings, list items, table rows, quotes, code fences.

Only the generated characters are judged, not the prompt. Bars are means over the seeds with one standard deviation as the error bar. Greedy decoding and beam search use no randomness, so all their seeds give the same text and their error bars are zero.

Two reference lines give the scale. *Nonsense* means "not in this corpus", so real text the model never saw scores above zero too: the held-out validation text, written in the same voice, is the floor a good sampler can hope for. And the training text's own Markdown share is what "Markdown-like" would look like at its best.
""");

lesson.Code("diagnostics");
var index = new CorpusIndex(vocabulary.Decode(run.Split.Train));
var measured = names.ToDictionary(n => n, n => samples[n].Select(text => SampleDiagnostics.Measure(text[prompt.Length..], index)).ToList());
var heldOut = vocabulary.Decode(run.Split.Validation);
var heldOutReport = NonsenseWords.Measure(heldOut, index);
double heldOutNonsense = heldOutReport.Rate;
double trainingMarkdown = MarkdownStructure.Measure(index.Text).StructuredRate;

IEnumerable<IEnumerable<double>> PerStrategy(Func<SampleDiagnostics, double> measure) => names.Select(n => measured[n].Select(measure));
string MeanSd(string name, Func<SampleDiagnostics, double> measure)
{
    var values = measured[name].Select(measure).ToArray();
    return $"{values.Average():P0} ± {BarSeries.StandardDeviation(values):P0}";
}

display(HTML(Views.Table(["strategy", "nonsense words", "invented", "unseen real", "copied", "loop", "Markdown", "some of its invented words"],
    names.Select(n => (IReadOnlyList<string>)[n, MeanSd(n, d => d.Nonsense.Rate), MeanSd(n, d => d.Nonsense.InventedRate), MeanSd(n, d => d.Nonsense.UnseenRealRate),
        MeanSd(n, d => d.Memorization.NgramRate),
        MeanSd(n, d => d.Repetition.LoopFraction), MeanSd(n, d => d.Markdown.StructuredRate),
        string.Join(", ", measured[n].SelectMany(d => d.Nonsense.InventedWords).Distinct(StringComparer.OrdinalIgnoreCase).Take(6))]),
    caption: $"Mean ± sd over {seeds.Length} seeds, {sampleLength} generated characters each, after \"{Views.Visible(prompt, 40)}\"")));
Console.WriteLine($"held-out text: {heldOutNonsense:P1} of its words are not in the training text ({heldOutReport.InventedRate:P1} invented, " +
                  $"{heldOutReport.UnseenRealRate:P1} unseen real); the training text has {trainingMarkdown:P0} Markdown lines");

lesson.Code("diagnostics-faults");
display(Plots.GroupedBars(names,
    [BarSeries.Shares("invented words (in no dictionary)", PerStrategy(d => d.Nonsense.InventedRate)),
     BarSeries.Shares("unseen real words (not in the corpus)", PerStrategy(d => d.Nonsense.UnseenRealRate)),
     BarSeries.Shares("loop (share in a repeating tail)", PerStrategy(d => d.Repetition.LoopFraction))],
    "What goes wrong: nonsense words and loops", "strategy", $"share of the sample (mean ± sd over {seeds.Length} seeds)",
    [new ReferenceLine("invented words in held-out real text", heldOutReport.InventedRate),
     new ReferenceLine("unseen real words in held-out real text", heldOutReport.UnseenRealRate)]));

lesson.Code("diagnostics-verdict");
double Mean(string name, Func<SampleDiagnostics, double> measure) => measured[name].Average(measure);
string greedyName = strategies[0].Name;
double greedyNonsense = Mean(greedyName, d => d.Nonsense.Rate), greedyLoop = Mean(greedyName, d => d.Repetition.LoopFraction);
string MoreOrFewer(double a, double b) => Math.Abs(a - b) < 0.005 ? "about as many" : a > b ? "MORE" : "FEWER";
foreach (var name in names.Skip(1))
    Console.WriteLine($"In this run {name} gave {MoreOrFewer(Mean(name, d => d.Nonsense.Rate), greedyNonsense)} nonsense words than greedy: " +
                      $"{Mean(name, d => d.Nonsense.Rate):P0} vs {greedyNonsense:P0} (invented: {Mean(name, d => d.Nonsense.InventedRate):P0} vs " +
                      $"{Mean(greedyName, d => d.Nonsense.InventedRate):P0}).");
Console.WriteLine();
Console.WriteLine(greedyLoop >= 0.5 ? $"Greedy is stuck in a loop for {greedyLoop:P0} of its text, so its nonsense rate says little: a loop has few words to judge, and a loop of spaces none."
    : greedyLoop > 0 ? $"Greedy ends in a loop that takes {greedyLoop:P0} of its text."
    : "Greedy does not loop in this run.");
var loopiest = names.MaxBy(n => Mean(n, d => d.Repetition.LoopFraction))!;
if (loopiest != greedyName && Mean(loopiest, d => d.Repetition.LoopFraction) > greedyLoop)
    Console.WriteLine($"The strategy that loops most is {loopiest}: {Mean(loopiest, d => d.Repetition.LoopFraction):P0}.");
string atArticle = new TemperatureSampler(articleTemperature).Name;
if (measured.ContainsKey(atArticle))
    Console.WriteLine($"At the article's T = {articleTemperature}, {Mean(atArticle, d => d.Nonsense.Rate):P0} of the words are nonsense, " +
                      (Mean(atArticle, d => d.Nonsense.Rate) > heldOutNonsense ? "above" : "at or below") + $" the {heldOutNonsense:P0} that held-out real text scores.");
else Console.WriteLine($"T = {articleTemperature} is not in `temperatures`, so this cell cannot compare it; the section on training stages below does.");

// Beam search against greedy, on the three faults the issue asks about: loops, nonsense, copying.
double beamLoop = Mean(beamName, d => d.Repetition.LoopFraction), beamInvented = Mean(beamName, d => d.Nonsense.InventedRate);
double beamCopied = Mean(beamName, d => d.Memorization.NgramRate), greedyCopiedShare = Mean(greedyName, d => d.Memorization.NgramRate);
double greedyInvented = Mean(greedyName, d => d.Nonsense.InventedRate);
string Compare(double a, double b, string more, string same, string less) => Math.Abs(a - b) < 0.005 ? same : a > b ? more : less;
Console.WriteLine();
Console.WriteLine($"{beamName} against greedy: loop {beamLoop:P0} vs {greedyLoop:P0}, invented words {beamInvented:P0} vs {greedyInvented:P0}, " +
                  $"copied {beamCopied:P0} vs {greedyCopiedShare:P0}.");
Console.WriteLine(beam.Text == greedy.Text
    ? $"In this run beam search writes exactly greedy's text, so it shares all of greedy's faults (width {beamWidth})."
    : $"In this run beam search {(beamLoop < 0.005 && greedyLoop < 0.005 ? "does not loop (nor does greedy)" : Compare(beamLoop, greedyLoop, "loops MORE than greedy", "loops as much as greedy", "avoids some of greedy's loop"))}, " +
      $"{Compare(beamInvented, greedyInvented, "invents MORE words", "invents about as many words", "invents FEWER words")} " +
      $"and {Compare(beamCopied, greedyCopiedShare, "copies MORE of the corpus", "copies about as much", "copies LESS")}" +
      (beamCopied > greedyCopiedShare + 0.005 || beamLoop > greedyLoop + 0.005
          ? ": more conservative than greedy, as char-rnn's users found, not a fix." : "."));

lesson.Code("diagnostics-structure");
display(Plots.GroupedBars(names,
    [BarSeries.Shares("copied (24-character stretches in the corpus)", PerStrategy(d => d.Memorization.NgramRate)),
     BarSeries.Shares("Markdown (lines that are Markdown blocks)", PerStrategy(d => d.Markdown.StructuredRate))],
    "What looks right: copied text and Markdown structure", "strategy", $"share of the sample (mean ± sd over {seeds.Length} seeds)",
    [new ReferenceLine("Markdown in the training text", trainingMarkdown)]));

lesson.Code("diagnostics-structure-verdict");
var mostCopying = names.MaxBy(n => Mean(n, d => d.Memorization.NgramRate))!;
if (Mean(mostCopying, d => d.Memorization.NgramRate) == 0) Console.WriteLine("In this run no strategy copies a single 24-character stretch of the training text.");
else Console.WriteLine($"In this run {mostCopying} copies the most: {Mean(mostCopying, d => d.Memorization.NgramRate):P0} of its 24-character stretches are training text" +
                  (mostCopying == greedyName ? "." : $" (greedy: {Mean(greedyName, d => d.Memorization.NgramRate):P0})."));
var mostMarkdown = names.MaxBy(n => Mean(n, d => d.Markdown.StructuredRate))!;
Console.WriteLine($"{mostMarkdown} writes the most Markdown lines: {Mean(mostMarkdown, d => d.Markdown.StructuredRate):P0}, against {trainingMarkdown:P0} in the training text.");
double spread = names.Max(n => BarSeries.StandardDeviation(measured[n].Select(d => d.Markdown.StructuredRate).ToArray()));
Console.WriteLine($"The Markdown share varies from seed to seed by up to {spread:P0} (sd): a sample has only a few lines, so one heading more or less moves it a lot.");

lesson.Prose("""
### What the numbers say about the article's fix

The article says temperature sampling is "a robust fix" for nonsense words. The cells above print what this run says, under the charts they read. With the default settings (this notebook's model, prompt `## `, five seeds) the answer is no: greedy decoding writes the fewest nonsense words because it copies the most, and sampling gives more nonsense the higher the temperature. A model that replays its corpus makes few spelling mistakes; that is recall, not writing. What sampling does buy is variety (every greedy seed writes the same text) and an escape from loops where a model has them. Beam search pushes greedy's trade further: with the default settings (width 5) it invents no word at all, and copies well over half of its 24-character stretches from the corpus, more than twice greedy's share. It finds a more probable text, and the most probable text, for this model, is the training text.

Two things make that verdict weaker than it looks. It comes from *one* trained model, and the model matters: the default one is overfit (its training loss is far below its validation loss), and a weaker model loops under greedy decoding. The next two sections measure both: the same comparison on several training seeds and at several stages of training, and the article's mechanism, the snowball, tested directly.
""");

lesson.Prose("""
## Where an invented word goes wrong, character by character

A nonsense rate says how many words are invented, not where they went wrong. Read a text back through the model one character at a time (`CharacterReader`, the `Stepper` underneath) and keep, for every character, the probability the model gave it and its five most likely alternatives. For each invented word, find its **departure point**: the first character at which the word so far begins no word of the corpus (`modxl` leaves at the `x`, since `mod` still begins `model`). What did the model prefer there?

Below: the greedy text and the first seed's text at the article's temperature, each character's background the probability the model gave it (hover for the top five; the table beneath each opens on request). Invented words have a wavy underline and their departure point a box. Under greedy decoding the character written is always the model's first choice, so a greedy invention is the model's own best guess; under sampling it can be a draw from the tail.
""");

lesson.Code("departures");
var articleSampler = new TemperatureSampler(articleTemperature);
var sampledText = generator.Generate(prompt, sampleLength, articleSampler, new Random(seeds[0])).Text;
var readings = new (string Name, CharacterReading Reading)[]
{
    ("greedy", CharacterReader.Read(model, vocabulary, greedy.Text, prompt, index)),
    ($"{articleSampler.Name}, seed {seeds[0]}", CharacterReader.Read(model, vocabulary, sampledText, prompt, index)),
};
foreach (var (readingName, reading) in readings)
{
    display(HTML(CharacterViews.Reading(reading, caption: $"{readingName}: mean surprisal {reading.MeanSurprisal:F2} nats per character")));
    var departures = reading.Departures;
    if (departures.Count == 0) { Console.WriteLine($"{readingName}: no invented word, so no departure point."); continue; }
    int topChoice = departures.Count(x => x.Score.Character == x.Score.Preferred.Character);
    double medianP = departures.Select(x => (double)x.Score.Probability).Order().ElementAt(departures.Count / 2);
    Console.WriteLine($"{readingName}: {departures.Count} invented word(s); at the departure point the character written was the model's first choice " +
                      $"in {topChoice} of {departures.Count}, and had a median probability of {medianP:P0}.");
    foreach (var x in departures.Take(5))
        Console.WriteLine($"  {x.Word,-14} left the corpus's words at '{CharLabels.Of(x.Score.Character)}' (p {x.Score.Probability:P0})" +
                          (x.EndedEarly ? " by ending" : "") + $"; the model preferred '{CharLabels.Of(x.Score.Preferred.Character)}' ({x.Score.Preferred.Probability:P0})");
}

lesson.Prose("""
## Greedy against temperature as the model trains

Every run kept copies of its model at `checkpoints` iterations and at its lowest validation loss. From each copy, write one greedy text and one text per sampling seed at the article's temperature, and score both by their **faulty share**: the part of the text that is a repeating tail (a loop), plus, in the rest, the share of invented words (in neither the corpus nor an English dictionary: a real word the small corpus never uses is not an error). Invented words alone would call a loop of spaces perfect (it has no words); the faulty share does not.

The verdict is read at three stages of each run: *under-trained* (the last kept copy at or before half the iteration of the lowest validation loss), at the *lowest validation loss*, and at the *end*. The effect is greedy's faulty share minus the sampled one, so above zero means temperature is better, as the article says; the interval is a 95 % t-interval over the training seeds (wide with three seeds, as it should be).
""");

lesson.Code("stages");
var decoding = new DecodingSettings(prompt, sampleLength, articleTemperature, seeds);
var points = ClaimDDecoding.Measure(runs, index, decoding);
var stages = ClaimDDecoding.Stages(runs, points);
string sampledName = new TemperatureSampler(articleTemperature).Name;
double[] grid = keepAt.Select(i => (double)i).ToArray();
double[] GridMean(Func<DecodingPoint, double> faulty) => keepAt.Select(i => points.Where(p => p.Iteration == i).Average(faulty)).ToArray();
double[] greedyCurve = GridMean(p => p.Greedy.Faulty), sampledCurve = GridMean(p => p.Sampled.Faulty);

display(HTML(Views.Table(["stage", "iteration (per training seed)", "greedy faulty share", $"{sampledName} faulty share", "greedy minus sampled [95 % interval]"],
    stages.Select(s => (IReadOnlyList<string>)[s.Name, string.Join(", ", s.Points.Select(p => p.Iteration)),
        $"{s.Points.Average(p => p.Greedy.Faulty):P0}", $"{s.Points.Average(p => p.Sampled.Faulty):P0}", s.Advantage.Signed()]),
    caption: $"{runs.Count} training seed(s); {seeds.Length} sampling seed(s) per model; {sampleLength} characters after \"{Views.Visible(prompt, 40)}\"")));

display(Plots.Lines(
    [new XYSeries("greedy", grid, greedyCurve),
     new XYSeries(sampledName, grid, sampledCurve),
     new XYSeries("greedy, each training seed", points.Select(p => (double)p.Iteration).ToArray(), points.Select(p => p.Greedy.Faulty).ToArray(), SeriesStyle.Markers),
     new XYSeries($"{sampledName}, each training seed", points.Select(p => (double)p.Iteration).ToArray(), points.Select(p => p.Sampled.Faulty).ToArray(), SeriesStyle.Markers),
     new XYSeries("lowest validation loss (each seed)", runs.Select(r => (double)r.Best.Iteration).ToArray(),
         runs.Select(r => points.First(p => p.TrainingSeed == r.TrainingSeed && p.Iteration == r.Best.Iteration).Greedy.Faulty).ToArray(), SeriesStyle.Highlight)],
    $"Greedy against {sampledName} as the model trains (lines: mean over {runs.Count} training seeds)", "iteration", "faulty share of the text (loop, plus invented words in the rest)"));

lesson.Code("stages-verdict");
// Where the mean curves cross: the iterations at which the better strategy changes.
var better = keepAt.Select((it, i) => (Iteration: it, GreedyBetter: greedyCurve[i] < sampledCurve[i])).ToList();
var crossings = better.Zip(better.Skip(1)).Where(p => p.First.GreedyBetter != p.Second.GreedyBetter).ToList();
string Better(bool greedyBetter) => greedyBetter ? "greedy" : sampledName;
if (crossings.Count == 0)
    Console.WriteLine($"In this run {Better(better[0].GreedyBetter)} is less faulty at every kept iteration, from {keepAt[0]} to {keepAt[^1]} (mean over the training seeds).");
else
    foreach (var (before, after) in crossings)
        Console.WriteLine($"In this run the curves cross between iterations {before.Iteration} and {after.Iteration}: {Better(before.GreedyBetter)} is less faulty before, " +
                          $"{Better(after.GreedyBetter)} after (mean over the training seeds).");
foreach (var s in stages)
{
    string verdict = s.Advantage.AboveZero() ? $"{sampledName} is better" : s.Advantage.BelowZero() ? "greedy is better" : "no clear winner (the interval includes zero)";
    int greedyWins = s.Points.Count(p => p.Advantage < 0);
    Console.WriteLine($"{s.Name}: greedy {s.Points.Average(p => p.Greedy.Faulty):P0} faulty, {sampledName} {s.Points.Average(p => p.Sampled.Faulty):P0}: {verdict}; " +
                      $"greedy is the less faulty for {greedyWins} of {s.Points.Count} training seed(s).");
}
if (runs.All(r => r.Best.Iteration == r.End.Iteration))
    Console.WriteLine("No run got past its lowest validation loss, so 'lowest validation loss' and 'end of training' are the same models here: train longer to see an overfit one.");

void ShowClaim(ClaimEvidence c) => display(HTML(Views.Table(["claim", "verdict", "evidence", "training seeds", "effect", "95 % interval"],
    [[$"({c.Id}) {c.Claim}", ClaimsTable.Word(c.Verdict), c.Evidence, $"{c.TrainingSeeds}", $"{c.EffectName}: {c.Effect:+0.00;-0.00;0.00}", double.IsNaN(c.Low) ? "none (one training seed)" : $"[{c.Low:+0.00;-0.00;0.00}, {c.High:+0.00;-0.00;0.00}]"]])));
var claimD = ClaimDDecoding.Evidence(runs, points, decoding, "notebook 4, Greedy against temperature as the model trains");
ShowClaim(claimD);

lesson.Prose("""
## The snowball, tested directly

The article's mechanism is that under greedy decoding "one wrong character feeds the next". That can be tested instead of assumed. Take a text, write it again with **one** character replaced by the most likely other one (for greedy, the runner-up) at position *k*, and compare what follows with the unforced text:

- **edit share**: the edit distance between the next `snowballHorizon` characters of the two texts, divided by `snowballHorizon` (0: the forcing left no trace; near 1: unrelated texts);
- **back in step**: whether, within those characters, the two texts agree again for 8 characters in a row (allowing a shift of up to 4, since a forced character can push the same words one place along).

For temperature sampling, both texts use the same random stream: every step draws one random number, forced or not, so a difference is the forcing's doing, not the dice's. If greedy errors snowball and sampling recovers, greedy's edit share should be the larger. The test runs at every position in `forceAt`, on every training seed's model at its lowest validation loss and at the end.
""");

lesson.Code("snowball");
var snowball = new SnowballSettings(prompt, forceAt, snowballHorizon, articleTemperature, seeds);
var trialsAtBest = runs.SelectMany(r => Snowball.Measure(r.Best.Model, vocabulary, r.TrainingSeed, snowball)).ToList();
var trialsAtEnd = runs.SelectMany(r => Snowball.Measure(r.End.Model, vocabulary, r.TrainingSeed, snowball)).ToList();
string[] snowballStages = ["lowest validation loss", "end of training"];
IEnumerable<IEnumerable<double>> EditShares(bool greedyTrials) => new[] { trialsAtBest, trialsAtEnd }.Select(trials =>
    trials.Where(t => (t.Strategy == "greedy") == greedyTrials).GroupBy(t => t.TrainingSeed).Select(g => g.Average(t => t.EditShare)));

var forcedExample = trialsAtBest.First(t => t.Strategy == "greedy" && t.TrainingSeed == settings.Seed);
Console.WriteLine($"greedy, seed {settings.Seed}, position {forcedExample.Position}: {CharLabels.Of(forcedExample.Original)} forced to {CharLabels.Of(forcedExample.Forced)}; the next {snowballHorizon} characters:");
Console.WriteLine($"  unforced: {Views.Visible(forcedExample.Unforced, 100)}");
Console.WriteLine($"  forced:   {Views.Visible(forcedExample.Changed, 100)}");
Console.WriteLine($"  edit share {forcedExample.EditShare:P0}, " + (forcedExample.Resync is { } r0 ? $"back in step after {r0} characters" : $"not back in step within {snowballHorizon}"));

display(Plots.GroupedBars(snowballStages,
    [BarSeries.Shares("greedy", EditShares(true)), BarSeries.Shares(sampledName, EditShares(false))],
    $"How much one forced character changes the next {snowballHorizon} (mean ± sd over {runs.Count} training seeds)", "model",
    "edit distance over the next characters / their number"));

lesson.Code("snowball-verdict");
foreach (var (stageName, trials) in snowballStages.Zip(new[] { trialsAtBest, trialsAtEnd }))
{
    var g = trials.Where(t => t.Strategy == "greedy").ToList();
    var t8 = trials.Where(t => t.Strategy != "greedy").ToList();
    Console.WriteLine($"{stageName}: greedy edit share {g.Average(t => t.EditShare):P0}, back in step {g.Count(t => t.Resync is not null)} of {g.Count}; " +
                      $"{sampledName} {t8.Average(t => t.EditShare):P0}, back in step {t8.Count(t => t.Resync is not null)} of {t8.Count}.");
}
var claimSnowball = Snowball.Evidence(trialsAtBest, snowball, "notebook 4, The snowball, tested directly (models at the lowest validation loss)");
Console.WriteLine(claimSnowball.Verdict switch
{
    Verdict.Holds => "In this run a forced character leaves MORE trace under greedy decoding than under sampling: the snowball claim holds.",
    Verdict.DoesNotHold => "In this run a forced character leaves LESS trace under greedy decoding than under sampling: the snowball claim does not hold.",
    _ => $"In this run the mean says a forced character leaves {(claimSnowball.Effect > 0 ? "MORE" : "LESS")} trace under greedy decoding than under sampling " +
         $"({claimSnowball.Effect:+0.00;-0.00} in edit share), but the interval over the training seeds includes zero: not clearly different.",
});
ShowClaim(claimSnowball);

lesson.Prose("""
## Next step: top-k and top-p

Temperature changes the *shape* of the distribution but never removes a character: at *T* = 1.5 every character of the vocabulary keeps a small chance, and over 240 characters some of those chances come true. Two common fixes cut the tail first and renormalize:

- **top-k** keeps the *k* most likely characters, however the probability is spread;
- **top-p** (nucleus sampling) keeps the fewest most likely characters whose probabilities add up to *p*, so it keeps few characters where the model is sure and many where it is not.

Both can be combined with a temperature. The chart shows what each keeps after the prompt; the lines printed above the chart show how the number of kept characters changes with the context.
""");

lesson.Code("topk-topp");
float[] Kept(ISampler truncating, float[] contextLogits)
{
    var kept = new float[V];
    truncating.Sample(contextLogits, kept, new Random(0));   // the sampler writes the distribution it draws from
    return kept;
}

var full = new float[V];
Softmax.Probabilities(logits, full);
var topKSampler = new TopKSampler(topK);
var topPSampler = new TopPSampler(topP);

// Contexts the vocabulary can spell: another corpus may lack some of these characters.
foreach (var context in new[] { prompt, "Wre", "the spe", "| " }.Distinct().Where(c => c.All(vocabulary.Contains)))
{
    var contextLogits = LogitsAfter(context);
    Console.WriteLine($"after \"{Views.Visible(context, 40)}\": top-k keeps {Kept(topKSampler, contextLogits).Count(q => q > 0),2}, " +
                      $"top-p keeps {Kept(topPSampler, contextLogits).Count(q => q > 0),2} of {V} characters");
}

// A log axis, because the point is the tail: the characters with a small chance, which top-k and top-p set to zero (no bar).
display(Plots.NextCharacterComparison(vocabulary,
    [new DistributionSeries("full softmax (T = 1)", full),
     new DistributionSeries($"top-k, k = {topK}", Kept(topKSampler, logits)),
     new DistributionSeries($"top-p, p = {topP}", Kept(topPSampler, logits))],
    top: Math.Min(V, Math.Max(16, topK + 4)), title: $"What top-k and top-p keep after \"{Views.Visible(prompt, 40)}\"", logProbability: true));

lesson.Prose("""
## Exercises

1. Change `prompt` to `"#"` (the article's cold start) and to a longer line copied from the guide. How does the greedy text change? Which prompt gives the flattest distribution?
2. Find a temperature at which the samples stop looking like the guide. Where does it sit on the surprise chart, relative to the real text?
3. Write `TopKSample(float[] logits, int k, double temperature, Random rng)` in the style of `SoftmaxSample` and check it against `TopKSampler` with the same seed, as we did for `TemperatureSampler`.
4. With the default settings, greedy decoding and *T* = 0.2 score as the least surprising texts, below even the training text. Why is that not a sign of quality? Look at their samples for the answer.
5. Train for 90 iterations instead of 30 and rerun. Which strategies change the most? Where do the curves of *Greedy against temperature as the model trains* cross now?
6. Make the model weaker (`Iterations = 5`) and rerun the diagnostics. Does greedy decoding start to loop? Does temperature sampling still give more nonsense words than greedy? Compare with the under-trained stage of the last two sections.
""");

lesson.Finish();

// What the notebook kernel provides to every cell, as this app provides it.
void display(object? value) => lesson.Display(value);
static HtmlFragment HTML(string html) => new(html);
