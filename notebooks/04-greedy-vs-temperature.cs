// The file-based app twin of 04-greedy-vs-temperature.ipynb: the same lesson without a notebook host.
//   dotnet run 04-greedy-vs-temperature.cs                 from notebooks/
//   dotnet run notebooks/04-greedy-vs-temperature.cs       from the repository root
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
- how the texts of different strategies differ, over several seeds, measured: nonsense words, copied text, loops and Markdown structure;
- where top-k and top-p sampling fit in, as the next step.
""");

lesson.Prose("""
## Settings

**This is the cell to edit.** Change a value, then run the notebook again from here. The model is deliberately small so it trains in seconds; to study a better model, raise `Iterations` or `HiddenSize` (see *Scaling up* in notebook 1), or load a checkpoint as shown in the next cell.
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
int[] seeds = [1, 2, 3, 4, 5];                // one sample proves little: compare strategies over several seeds

lesson.Prose("""
## A small model to sample from

Sampling strategies only differ when the model has something to say, so first train for a few seconds. The run is seeded, so every rerun gives the same model.
""");

lesson.Code("train");
var corpus = Corpus.Load(corpusPath);
var trainer = new Trainer(corpus, settings);
var clock = System.Diagnostics.Stopwatch.StartNew();
trainer.Run();
var model = trainer.Model;
var vocabulary = trainer.Vocabulary;
int V = vocabulary.Size;
var last = trainer.Log[^1];
Console.WriteLine($"{settings.Iterations} iterations in {clock.Elapsed.TotalSeconds:F1} s: training {last.MeanCe:F3}, validation {last.ValMeanCe:F3} nats per character");

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

The article's sampling loop does `pred_index = np.argmax(pred.data)`: take the single most likely character, feed it back, repeat. It is deterministic, so the seed does not matter and the same prompt always gives the same text. When the top two characters are nearly tied, a small difference in the logits decides, and everything after follows from that choice. Greedy text also goes where the model is most certain: with a weak model that is a loop (once it predicts a phrase it has written, it writes it again); with the small but well-fit model of the default settings it is pieces of the training text, stitched together. In the sample below, *`wren walk start` and end it with* comes straight from the guide's section on logging a walk, and the rest joins shorter phrases of the guide, such as *a list of species names in a file called*, where they do not fit.
""");

lesson.Code("greedy");
Console.WriteLine($"argmax after \"{prompt}\": {CharLabels.Of(vocabulary[best])} with p = {probabilities[best]:P1}");
var runnerUp = Enumerable.Range(0, V).Where(i => i != best).MaxBy(i => probabilities[i]);
Console.WriteLine($"runner-up: {CharLabels.Of(vocabulary[runnerUp])} with p = {probabilities[runnerUp]:P1}\n");

var generator = new TextGenerator(model, vocabulary);
var greedy = generator.Generate(prompt, sampleLength, new GreedySampler(), new Random(0));
Console.WriteLine(greedy);

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
    return new DistributionSeries($"T = {t}", p);
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

double Surprise(string text) => Evaluator.MeanCrossEntropy(model, vocabulary.Encode(text));
double StdDev(IReadOnlyList<double> xs) { double m = xs.Average(); return Math.Sqrt(xs.Sum(x => (x - m) * (x - m)) / Math.Max(1, xs.Count - 1)); }

var names = samples.Keys.ToArray();
var scores = names.Select(n => samples[n].Select(Surprise).ToArray()).ToArray();
double trainingText = Evaluator.MeanCrossEntropy(model, trainer.Split.Train);
double heldOutText = Evaluator.MeanCrossEntropy(model, trainer.Split.Validation);
for (int i = 0; i < names.Length; i++) Console.WriteLine($"{names[i],-20} {scores[i].Average():F3} ± {StdDev(scores[i]):F3}");
Console.WriteLine($"{"training text",-20} {trainingText:F3}\n{"held-out text",-20} {heldOutText:F3}");

display(Plots.GroupedBars(names,
    [new BarSeries($"samples: mean over {seeds.Length} seeds (error bar: 1 sd)", scores.Select(s => s.Average()).ToArray(), scores.Select(StdDev).ToArray())],
    "How surprising each strategy's text is to the model", "strategy", "model's loss on the text (nats per character)",
    [new ReferenceLine("training text", trainingText), new ReferenceLine("held-out text", heldOutText)]));

lesson.Prose("""
## Per-strategy diagnostics

The surprise score says how unlikely a text is to the model, not what is wrong with it. The article's claims are about particular faults, so measure those on the same samples (every strategy, every seed in `seeds`), with `SampleDiagnostics.Measure` against the training text:

- **nonsense words**: the share of the sample's words that never occur in the training text (the article's `forkfnal` and `Compla`);
- **copied**: the share of the sample's 24-character stretches found verbatim in the training text (memorization);
- **loop**: the share of the sample taken up by a repeating tail (greedy decoding's failure mode);
- **Markdown**: the share of non-blank lines that are Markdown blocks: headings, list items, table rows, quotes, code fences.

Only the generated characters are judged, not the prompt. Bars are means over the seeds with one standard deviation as the error bar. Greedy decoding uses no randomness, so all its seeds give the same text and its error bars are zero.

Two reference lines give the scale. *Nonsense* means "not in this corpus", so real text the model never saw scores above zero too: the held-out validation text, written in the same voice, is the floor a good sampler can hope for. And the training text's own Markdown share is what "Markdown-like" would look like at its best.
""");

lesson.Code("diagnostics");
var index = new CorpusIndex(vocabulary.Decode(trainer.Split.Train));
var measured = names.ToDictionary(n => n, n => samples[n].Select(text => SampleDiagnostics.Measure(text[prompt.Length..], index)).ToList());
var heldOut = vocabulary.Decode(trainer.Split.Validation);
double heldOutNonsense = NonsenseWords.Measure(heldOut, index).Rate;
double trainingMarkdown = MarkdownStructure.Measure(index.Text).StructuredRate;

IEnumerable<IEnumerable<double>> PerStrategy(Func<SampleDiagnostics, double> measure) => names.Select(n => measured[n].Select(measure));
string MeanSd(string name, Func<SampleDiagnostics, double> measure)
{
    var values = measured[name].Select(measure).ToArray();
    return $"{values.Average():P0} ± {BarSeries.StandardDeviation(values):P0}";
}

display(HTML(Views.Table(["strategy", "nonsense words", "copied", "loop", "Markdown", "some of its nonsense words"],
    names.Select(n => (IReadOnlyList<string>)[n, MeanSd(n, d => d.Nonsense.Rate), MeanSd(n, d => d.Memorization.NgramRate),
        MeanSd(n, d => d.Repetition.LoopFraction), MeanSd(n, d => d.Markdown.StructuredRate),
        string.Join(", ", measured[n].SelectMany(d => d.Nonsense.NonsenseWords).Distinct(StringComparer.OrdinalIgnoreCase).Take(6))]),
    caption: $"Mean ± sd over {seeds.Length} seeds, {sampleLength} generated characters each, after \"{prompt}\"")));
Console.WriteLine($"held-out text: {heldOutNonsense:P1} of its words are not in the training text; the training text has {trainingMarkdown:P0} Markdown lines");

lesson.Code("diagnostics-faults");
display(Plots.GroupedBars(names,
    [BarSeries.FromSamples("nonsense words (not in the corpus)", PerStrategy(d => d.Nonsense.Rate)),
     BarSeries.FromSamples("loop (share in a repeating tail)", PerStrategy(d => d.Repetition.LoopFraction))],
    "What goes wrong: nonsense words and loops", "strategy", $"share of the sample (mean ± sd over {seeds.Length} seeds)",
    [new ReferenceLine("nonsense in held-out real text", heldOutNonsense)]));

lesson.Code("diagnostics-structure");
display(Plots.GroupedBars(names,
    [BarSeries.FromSamples("copied (24-character stretches in the corpus)", PerStrategy(d => d.Memorization.NgramRate)),
     BarSeries.FromSamples("Markdown (lines that are Markdown blocks)", PerStrategy(d => d.Markdown.StructuredRate))],
    "What looks right: copied text and Markdown structure", "strategy", $"share of the sample (mean ± sd over {seeds.Length} seeds)",
    [new ReferenceLine("Markdown in the training text", trainingMarkdown)]));

lesson.Code("diagnostics-verdict");
double Mean(string name, Func<SampleDiagnostics, double> measure) => measured[name].Average(measure);
string greedyName = strategies[0].Name;
double greedyNonsense = Mean(greedyName, d => d.Nonsense.Rate), greedyLoop = Mean(greedyName, d => d.Repetition.LoopFraction);
Console.WriteLine($"{greedyName}: nonsense {greedyNonsense:P0}, loop {greedyLoop:P0}, copied {Mean(greedyName, d => d.Memorization.NgramRate):P0}");
foreach (var name in names.Skip(1))
{
    double nonsense = Mean(name, d => d.Nonsense.Rate);
    string compared = Math.Abs(nonsense - greedyNonsense) < 0.005 ? "the same as" : nonsense > greedyNonsense ? "MORE than" : "less than";
    Console.WriteLine($"{name}: nonsense {nonsense:P0} ({compared} greedy), loop {Mean(name, d => d.Repetition.LoopFraction):P0}, copied {Mean(name, d => d.Memorization.NgramRate):P0}");
}

lesson.Prose("""
### What the numbers say about the article's fix

The article says temperature sampling is "a robust fix" for nonsense words. With the default settings (this notebook's model, prompt `## `, five seeds) the measurements say otherwise:

- **Sampling gives more nonsense words than greedy decoding, not fewer, and from *T* = 0.5 up, more the higher the temperature.** Greedy: 4 %. Temperature 0.2, 0.5, 0.8, 1.0, 1.5: about 7 %, 7 %, 20 %, 26 %, 58 %. The two lowest temperatures are level; their seed-to-seed spread is 3 to 4 points. Top-k and top-p at *T* = 1 land near 24 % and 22 %. At the article's *T* = 0.8 the rate is about five times greedy's, and above the 15 % that real held-out text scores on the same measure.
- **Greedy's low rate goes with copying.** About 23 % of its 24-character stretches are training text word for word, more than any other strategy: 18 % at *T* = 0.2, 8 % at 0.5, and about 1 % or less for *T* ≥ 0.8, top-k and top-p. A model that replays its corpus makes few spelling mistakes; that is recall, not writing.
- **Greedy does not loop here.** Its loop share is 0 % over 240 characters. It writes *species names* three times, but it does not get stuck. No strategy loops much: only top-k's share is above zero, at about half a percent. A weaker model loops (several of notebook 2's greedy samples are nothing but spaces), so "greedy loops" is true of some models, not of greedy decoding as such.
- **Markdown structure** is highest for greedy (75 %, above the training text's 64 %), then *T* = 0.5 and 0.2 (about 69 % and 60 %). It is lower at *T* ≥ 0.8 and for top-k and top-p (33 % to 49 %). Except for greedy and *T* = 0.5, it is very different from seed to seed (sd 24 % to 36 %): a sample has only a few lines, so one heading more or less moves the share a lot.

So sampling does not fix nonsense in this model; it trades copying for invention, and at the character level invention means half-made words such as *backymble* and *staysing*. What sampling does buy is variety (every greedy seed writes the same text) and an escape from loops where a model has them. The low temperatures sit in between: about 7 % nonsense, less copying than greedy, and some variety.
""");

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

foreach (var context in new[] { prompt, "Wre", "the spe", "| " })
{
    var contextLogits = LogitsAfter(context);
    Console.WriteLine($"after \"{context}\": top-k keeps {Kept(topKSampler, contextLogits).Count(q => q > 0),2}, top-p keeps {Kept(topPSampler, contextLogits).Count(q => q > 0),2} of {V} characters");
}

display(Plots.NextCharacterComparison(vocabulary,
    [new DistributionSeries("full softmax (T = 1)", full),
     new DistributionSeries($"top-k, k = {topK}", Kept(topKSampler, logits)),
     new DistributionSeries($"top-p, p = {topP}", Kept(topPSampler, logits))],
    top: 16, title: $"What top-k and top-p keep after \"{prompt}\""));

lesson.Prose("""
## Exercises

1. Change `prompt` to `"#"` (the article's cold start) and to a longer line copied from the guide. How does the greedy text change? Which prompt gives the flattest distribution?
2. Find a temperature at which the samples stop looking like the guide. Where does it sit on the surprise chart, relative to the real text?
3. Write `TopKSample(float[] logits, int k, double temperature, Random rng)` in the style of `SoftmaxSample` and check it against `TopKSampler` with the same seed, as we did for `TemperatureSampler`.
4. Greedy decoding and *T* = 0.2 score as the least surprising texts, below even the training text. Why is that not a sign of quality? Look at their samples for the answer.
5. Train for 90 iterations instead of 30 and rerun. Which strategies change the most?
6. Make the model weaker (`Iterations = 5`) and rerun the diagnostics. Does greedy decoding start to loop? Does temperature sampling still give more nonsense words than greedy?
""");

lesson.Finish();

// What the notebook kernel provides to every cell, as this app provides it.
void display(object? value) => lesson.Display(value);
static HtmlFragment HTML(string html) => new(html);
