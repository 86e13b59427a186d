// The file-based app twin of 01-training.ipynb: the same lesson without a notebook host.
//   dotnet run 01-training.cs                 from notebooks/
//   dotnet run notebooks/01-training.cs       from the repository root
// It prints what the notebook prints and ends with the path of an offline HTML page (prose,
// code, outputs, charts). Edit the settings block (after lesson.Code("settings")) and rerun.
// Generated from the notebook, which stays the one source: change the notebook, then run
//   dotnet run -c Release --project src/CharLstmLab.Workbook -- --twins
// (PublishAot=false: a file-based app is AOT-ready by default, which switches off the reflection
// System.Text.Json the lab's checkpoints and safetensors metadata use; a lesson is never AOT-published.)
#:project ../src/CharLstmLab.Charts/CharLstmLab.Charts.csproj
#:property Optimize=true
#:property PublishAot=false

using CharLstmLab.Baselines;
using CharLstmLab.Charts;
using CharLstmLab.Charts.Apps;
using CharLstmLab.Checkpoints;
using CharLstmLab.Model;
using CharLstmLab.Reference;
using CharLstmLab.Sampling;
using CharLstmLab.Text;
using CharLstmLab.Training;

var lesson = LessonApp.Start("01-training");

lesson.Prose("""
# 1 · Training a character-level LSTM

> **Build first**, once, from the repository root: `dotnet build -c Release`. Then run the cells in order (or *Run All*).

A character-level language model reads text one character at a time and learns to guess the next one. This notebook follows one such model from raw Markdown to its first readable output, and stops at every step to look at the numbers the training produces.

**What you will learn**

- how a text becomes a vocabulary, a stream of ids, and batches of windows, and what shape each of them has;
- what the four gates of an LSTM compute, checked by hand against the library;
- what one training step does: the window loss, the gradient of every parameter, clipping, and the update;
- how to read a full run: a loss curve that updates while it trains, the gradient norm beside it, and samples taken at checkpoints.

Everything below is computed when you run it. Nothing is pasted in.
""");

lesson.Prose("""
## Settings

**This is the cell to edit.** Change a value, then run the notebook again from here (*Run All* or *Execute Cell and Below*). The defaults train in a few seconds on two cores; the section *Scaling up* at the end says what to change for a run like the article's.

One *iteration* is one full pass over the training text, as in the article's code. The text is read as `BatchSize` parallel streams cut into windows of `SeqLength` characters; each window is one optimizer step.
""");

lesson.Code("settings");
// ─── Settings: edit, then rerun from here ────────────────────────────────────
var corpusPath = "../data/small/field-guide.md";   // "../data/large" is the 266 KB set
var settings = new TrainingSettings
{
    HiddenSize    = 128,                  // H: LSTM units
    EmbeddingSize = 32,                   // E: width of a character's embedding
    SeqLength     = 25,                   // T: characters per window (truncated backpropagation)
    BatchSize     = 16,                   // B: parallel streams per window
    Optimizer     = OptimizerKind.Sgd,    // the article's optimizer
    LearningRate  = 0.3,                  // alpha
    ClipValue     = 5,                    // the article's np.clip(grad, -5, 5); null turns it off
    Iterations    = 30,
    SampleEvery   = 10,                   // take a sample at iterations 1, 11, 21, ... and the last
    SampleLength  = 160,
    Prompt        = "#",
    Seed          = 1,                    // same seed, same run, bit for bit
};

lesson.Prose("""
## 1. From text to numbers

The corpus is one Markdown file. The model never sees letters: it sees ids. The *vocabulary* is the set of distinct characters in the text, sorted by code point, so the same text always gives the same ids. Its size *V* is the number of answers the model chooses from at every step.
""");

lesson.Code("text-vocabulary");
var corpus = Corpus.Load(corpusPath);
var vocabulary = Vocabulary.FromText(corpus.Text);
Console.WriteLine($"corpus: {corpus.Text.Length:N0} characters from {corpus.Files.Count} file(s)");
Console.WriteLine($"vocabulary: V = {vocabulary.Size} distinct characters");
Console.WriteLine($"the first ids: {string.Join(" ", Enumerable.Range(0, Math.Min(10, vocabulary.Size)).Select(i => $"{i}={CharLabels.Of(vocabulary[i])}"))}");

var opening = corpus.Text[..Math.Min(40, corpus.Text.Length)];
Console.WriteLine($"\ntext: {opening.Replace("\n", "\\n")}");
Console.WriteLine($"ids:  {string.Join(" ", vocabulary.Encode(opening))}");

lesson.Prose("""
The last 10 % of the text is held out as *validation* text: the model never trains on it, so its loss there tells us whether the model learned the language of the guide or just the guide.

The training text is cut into *B* streams, each starting at a different place. A *window* takes the next *T* characters of every stream, so its inputs form a *T* × *B* block, and the targets are the same block shifted by one character: at every position the answer is simply the character that comes next. The hidden state carries over from one window to the next, so a stream is read as one long text, but gradients stop at window borders (truncated backpropagation through time).
""");

lesson.Code("batches");
var split = TextSplit.Create(vocabulary.Encode(corpus.Text), settings.ValidationFraction);
var batches = new BatchStreams(split.Train, settings.BatchSize, settings.SeqLength);
Console.WriteLine($"train: {split.Train.Length:N0} ids, validation: {split.Validation.Length:N0} ids");
Console.WriteLine($"{batches.BatchSize} streams of {batches.StreamLength:N0} characters -> {batches.WindowCount} windows per iteration");

int T = settings.SeqLength, B = settings.BatchSize;
var inputs = new int[T * B];
var targets = new int[T * B];
batches.Fill(0, inputs, targets);
Console.WriteLine($"window 0: inputs [T x B] = [{T} x {B}], targets [{T} x {B}] (stored time-major: index t*B + b)");

string Stream(int[] window, int b) => vocabulary.Decode(Enumerable.Range(0, T).Select(t => window[t * B + b]).ToArray());
for (int b = 0; b < Math.Min(3, B); b++)
    Console.WriteLine($"stream {b}:  input  \"{Stream(inputs, b).Replace("\n", "\\n")}\"\n           target \"{Stream(targets, b).Replace("\n", "\\n")}\"");

lesson.Prose("""
## 2. Inside the LSTM

The network is an embedding, one LSTM layer and a linear output layer:

- the **embedding** turns a character id into a vector *x* of *E* numbers (row `id` of an *V* × *E* matrix);
- the **LSTM** keeps two vectors of *H* numbers, the hidden state *h* and the cell state *c*. At every step it computes four *gates* from the new input *x* and the previous state:

  ```
  z = x·Wx + h_prev·Wh + b          4H numbers, split as [ i | f | g | o ]
  i = σ(z_i)   f = σ(z_f)   g = tanh(z_g)   o = σ(z_o)
  c = f ⊙ c_prev + i ⊙ g            h = o ⊙ tanh(c)
  ```

  σ is the logistic function and ⊙ multiplies element by element. The *forget* gate *f* decides how much of the old memory to keep, the *input* gate *i* how much of the candidate *g* to write, and the *output* gate *o* how much of the memory to show;
- the **output layer** maps *h* to *V* scores (*logits*), and softmax turns them into probabilities for the next character.

Here are the parameters of a fresh model, with their shapes:
""");

lesson.Code("model-shapes");
var shape = new ModelShape(vocabulary.Size, settings.EmbeddingSize, settings.HiddenSize, settings.Layers);
var model = CharLstm.Create(shape, settings.Seed);
foreach (var p in model.Parameters) Console.WriteLine($"{p.Name,-14} [{p.Rows,4} x {p.Cols,4}]  {p.Length,7:N0} numbers");
Console.WriteLine($"{"total",-14} {"",13}  {model.ParameterCount,7:N0}");

lesson.Prose("""
To see that nothing is hidden, compute one step by hand: the first character of the text, read from the zero state. Every matrix is stored input-major (row *r*, column *j* at index *r*·cols + *j*), so "vector times matrix" is one short loop.
""");

lesson.Code("gates-by-hand");
int E = shape.EmbeddingSize, H = shape.HiddenSize, V = shape.VocabSize;
var layer = model.Layers[0];

float[] VecMat(float[] v, float[] w, int rows, int cols)
{
    var result = new float[cols];
    for (int r = 0; r < rows; r++)
        for (int j = 0; j < cols; j++) result[j] += v[r] * w[r * cols + j];
    return result;
}
float Sigmoid(float z) => 1 / (1 + MathF.Exp(-z));

int firstId = vocabulary.IdOf(corpus.Text[0]);
float[] x = model.Embedding.Value.AsSpan(firstId * E, E).ToArray();
float[] hPrev = new float[H], cPrev = new float[H];

float[] z = VecMat(x, layer.Wx.Value, E, 4 * H);
float[] zh = VecMat(hPrev, layer.Wh.Value, H, 4 * H);
for (int j = 0; j < 4 * H; j++) z[j] += zh[j] + layer.Bias.Value[j];

float[] gateI = z[..H].Select(Sigmoid).ToArray();
float[] gateF = z[H..(2 * H)].Select(Sigmoid).ToArray();
float[] gateG = z[(2 * H)..(3 * H)].Select(MathF.Tanh).ToArray();
float[] gateO = z[(3 * H)..].Select(Sigmoid).ToArray();
float[] c = Enumerable.Range(0, H).Select(j => gateF[j] * cPrev[j] + gateI[j] * gateG[j]).ToArray();
float[] h = Enumerable.Range(0, H).Select(j => gateO[j] * MathF.Tanh(c[j])).ToArray();

Console.WriteLine($"x: [1 x {E}]   Wx: [{E} x {4 * H}]   h_prev: [1 x {H}]   Wh: [{H} x {4 * H}]   z: [1 x {z.Length}]");
foreach (var (name, gate) in new[] { ("i", gateI), ("f", gateF), ("g", gateG), ("o", gateO) })
    Console.WriteLine($"gate {name}: [1 x {gate.Length}]  mean {gate.Average():F3}  range [{gate.Min():F3}, {gate.Max():F3}]");
Console.WriteLine($"c: [1 x {c.Length}]   h: [1 x {h.Length}]");

lesson.Prose("""
The forget gate starts near σ(1) ≈ 0.73, not 0.5: its bias is initialised to 1, so a fresh cell keeps most of its memory instead of erasing it. Now ask the library for the same step and compare, then look at what the untrained model predicts. With small random weights every character is about equally likely, so the loss of any guess is close to ln *V*.
""");

lesson.Code("gates-compare");
var stepper = new Stepper(model);
var logits = new float[V];
stepper.Step(firstId, logits);
float maxDiff = Enumerable.Range(0, H).Max(j => MathF.Abs(stepper.State.H[0][j] - h[j]));
Console.WriteLine($"largest difference between our h and the library's: {maxDiff:E1}");

var probabilities = new float[V];
Softmax.Probabilities(logits, probabilities);
int secondId = vocabulary.IdOf(corpus.Text[1]);
Console.WriteLine($"p(next = {CharLabels.Of(corpus.Text[1])}) = {probabilities[secondId]:F4};  1/V = {1.0 / V:F4}");
Console.WriteLine($"loss of that guess: -ln p = {-Math.Log(probabilities[secondId]):F3};  ln V = {Math.Log(V):F3}");

lesson.Prose("""
## 3. One training step, looked at closely

A training step runs one window forward for all *B* streams, adds up the cross-entropy −ln *p*(target) over the *T* positions and averages it over the streams. That sum over a window is the *window loss*, the number the article's table reports. For a model that guesses uniformly it is *T*·ln *V*.

Backpropagation then gives the gradient of that loss for every parameter. Below: the loss of window 0 before any training, and the size (L2 norm) of each parameter's gradient.
""");

lesson.Code("step-forward-backward");
var pass = new WindowPass(model, B, T);
double lossBefore = pass.Forward(inputs, targets, model.InitHidden(B));
Console.WriteLine($"window loss: {lossBefore:F2}   (T ln V = {LossUnits.UniformWindowLoss(V, T):F2})");

model.ZeroGrad();
pass.Backward();
var gradNorms = model.Parameters.Select(p => Math.Sqrt(p.Grad.Sum(g => (double)g * g))).ToArray();
foreach (var (p, n) in model.Parameters.Zip(gradNorms)) Console.WriteLine($"{p.Name,-14} |grad| = {n:F4}");
double globalNorm = GradientClipping.GlobalNorm(model.Parameters);
Console.WriteLine($"global gradient norm: {globalNorm:F4}");

display(Plots.GroupedBars(model.Parameters.Select(p => p.Name).ToArray(),
    [new BarSeries("gradient L2 norm", gradNorms)],
    "Gradient of the first window, per parameter", "parameter", "L2 norm of the gradient"));

lesson.Code("step-reading");
var byNorm = model.Parameters.Zip(gradNorms).OrderByDescending(p => p.Second).ToList();
Console.WriteLine($"in this window the largest gradient is {byNorm[0].First.Name}'s ({byNorm[0].Second:F4}), the smallest {byNorm[^1].First.Name}'s ({byNorm[^1].Second:F4}): " +
                  $"{byNorm[0].Second / Math.Max(byNorm[^1].Second, 1e-30):F0} times apart");
int embeddingRowsHit = Enumerable.Range(0, V).Count(r => model.Embedding.Grad.AsSpan(r * E, E).ContainsAnyExcept(0f));
Console.WriteLine($"the embedding's gradient touches {embeddingRowsHit} of its {V} rows: the characters that occur in this window");

lesson.Prose("""
Which parameters get the largest gradients? The cell under the chart reads it from this window's numbers. Only the rows of the embedding whose characters occur in the window receive any gradient at all, so its gradient is spread thin.

Next comes the update the article writes as `p.grad = np.clip(p.grad, -5, 5)` followed by an SGD step *w* ← *w* − α·*g*. Read the same window again from the zero state: its loss should be lower. That is all training is, repeated for every window of every iteration.
""");

lesson.Code("step-apply");
var before = model.Parameters.Select(p => p.Value.ToArray()).ToArray();
long elements = model.Parameters.Sum(p => (long)p.Length);
if (settings.ClipValue is { } clip)
{
    long changed = model.Parameters.Sum(p => p.Grad.LongCount(g => Math.Abs(g) > clip));
    Console.WriteLine($"clipping at {clip} changes {changed:N0} of {elements:N0} gradient elements (largest |g| = {GradientClipping.MaxElement(model.Parameters):F4})");
    GradientClipping.ByValue(model.Parameters, (float)clip);
}
else Console.WriteLine("ClipValue is null: no element is clipped");
if (settings.ClipNorm is { } maxNorm)
{
    Console.WriteLine($"clipping the global norm at {maxNorm}: the norm is {globalNorm:F4}, so the gradient is {(globalNorm > maxNorm ? $"scaled by {maxNorm / globalNorm:F4}" : "left as it is")}");
    GradientClipping.ByNorm(model.Parameters, globalNorm, maxNorm);
}
var sgd = Optimizer.Create(OptimizerKind.Sgd, model.Parameters);
sgd.Step((float)settings.LearningRate);

for (int k = 0; k < model.Parameters.Count; k++)
{
    var p = model.Parameters[k];
    double change = Math.Sqrt(p.Value.Zip(before[k], (a, b) => (double)(a - b) * (a - b)).Sum());
    double size = Math.Sqrt(before[k].Sum(v => (double)v * v));
    Console.WriteLine($"{p.Name,-14} |Δw| = {change:F5}   |w| = {size:F3}");
}
double lossAfter = new WindowPass(model, B, T).Forward(inputs, targets, model.InitHidden(B));
Console.WriteLine($"\nwindow loss before the step: {lossBefore:F3}, after: {lossAfter:F3}: " +
                  (lossAfter < lossBefore ? $"{lossBefore - lossAfter:F3} lower, as a step should be" : "NOT lower: this step size overshoots even on the window it was computed from"));

lesson.Prose("""
## 4. A full run

`Trainer` does exactly that for every window, iteration after iteration, starting each iteration from the zero state. After each iteration it raises `IterationCompleted` with a log line: the mean window loss, the same loss per character, the validation loss, the gradient norm (before clipping), and a sample at the checkpoints set by `SampleEvery`.

The chart below is redrawn after every iteration while the cell runs. The gradient norm is on the right-hand axis.
""");

lesson.Code("run-live");
var trainer = new Trainer(corpus, settings);
LossCurveOptions LiveOptions(int done) => new()
{
    Title = $"Training loss, iteration {done} of {settings.Iterations}",
    ShowGradientNorm = true,
};
var live = lesson.Live(Plots.LossCurve(trainer.Log, LiveOptions(0)));
trainer.IterationCompleted += entry => live.Update(Plots.LossCurve(trainer.Log, LiveOptions(entry.Iteration)));

var clock = System.Diagnostics.Stopwatch.StartNew();
try { trainer.Run(); }
catch (CharLstmLab.DivergenceException diverged) { Console.WriteLine(diverged.Message); }   // e.g. a large alpha without clipping: keep what was learned
Console.WriteLine($"{trainer.CompletedIterations} iterations of {trainer.WindowsPerIteration} windows in {clock.Elapsed.TotalSeconds:F1} s");

lesson.Code("run-reading");
var runLog = trainer.Log;
if (runLog.Count == 0) Console.WriteLine("No iteration finished, so there is no curve to read.");
else
{
    var firstEntry = runLog[0];
    var lastEntry = runLog[^1];
    var steepest = runLog.MaxBy(l => l.GradNorm)!;
    Console.WriteLine($"in this run the loss went from {firstEntry.Loss:F2} (iteration 1; its first window {firstEntry.FirstWindowLoss:F2}, T ln V = {LossUnits.UniformWindowLoss(V, T):F2}) " +
                      $"to {lastEntry.Loss:F2} (iteration {lastEntry.Iteration}): {(lastEntry.Loss < firstEntry.Loss ? $"{firstEntry.Loss / lastEntry.Loss:F1} times lower" : "NOT lower")}");
    Console.WriteLine($"the gradient norm went from {firstEntry.GradNorm:F2} to {lastEntry.GradNorm:F2}; it was largest at iteration {steepest.Iteration} ({steepest.GradNorm:F2})");
}

lesson.Prose("""
### Samples at checkpoints

Each checkpoint sample starts from the zero state, reads the prompt, then picks every next character at random with the sampler's probabilities (temperature 0.8 by default; notebook 4 is about that choice). Watch it move from noise to words to Markdown: headings, code fences, back-ticks, table pipes.
""");

lesson.Code("samples");
var sampled = trainer.Log.Where(l => l.Sample is not null).ToList();
if (sampled.Count == 0) Console.WriteLine("SampleEvery is 0 (or no iteration finished), so this run took no samples.");
foreach (var entry in sampled)
{
    Console.WriteLine($"── iteration {entry.Iteration}: loss {entry.Loss:F2} ({entry.MeanCe:F3} nats per character) ──");
    Console.WriteLine(entry.Sample);
    Console.WriteLine();
}

lesson.Prose("""
## 5. Reading the curve

The first iteration starts near *T*·ln *V* and the loss then falls fast: the model first learns which characters are common, then which follow which. Two things deserve a second look:

- **Rebounds.** An iteration whose loss is *higher* than the one before is a rebound, like the article's 0.95 → 1.10 at iteration 51. Small ones are noise from the order of the windows; large or repeated ones suggest the step size is too big for this stage. They are marked below, and the cell under the chart lists them.
- **Validation.** Both losses are shown per character (nats), so they can be compared directly. When training loss keeps falling but validation loss stops falling or rises, the model has started to learn this particular text rather than the language of it: memorization. The cell under the chart says which of these this run shows.
- **Baselines.** Is a validation loss of 2 nats per character good? The dotted lines answer on the same held-out text, in the same units: a unigram (character frequencies alone), an interpolated Kneser-Ney 5-gram (counts of what followed the last four characters in the training text) and the Brotli compressor coding the held-out text after the training text. Each is a few lines of counting, fitted on exactly the text the LSTM trained on. The cell under the chart says whether this run's best validation loss beats the 5-gram.
""");

lesson.Code("curve-final");
var log = trainer.Log;
var rebounds = log.Skip(1).Where((entry, i) => entry.Loss > log[i].Loss).Select(entry => entry.Iteration).ToList();
var baselines = BaselineComparison.ForCharts(trainer);   // fitted on the run's training text, scored on its validation text

display(Plots.LossCurve(log, new LossCurveOptions
{
    Title = "Training and validation loss per character",
    Loss = IterationMetric.MeanCrossEntropy,
    Rebounds = rebounds,
    Baselines = baselines,
}));

lesson.Code("curve-reading");
// What this run's curve says, computed from its numbers (the prose above describes what to look for, not what happened).
if (log.Count < 2) Console.WriteLine("The run has fewer than two iterations, so there is no curve to read.");
else
{
    var rises = log.Skip(1).Select((entry, i) => (entry.Iteration, Rise: entry.Loss / log[i].Loss - 1)).Where(r => r.Rise > 0).ToList();
    Console.WriteLine(rises.Count == 0
        ? $"rebounds: none; the loss fell at every one of the {log.Count - 1} iterations after the first"
        : $"rebounds: the loss rose at {rises.Count} of {log.Count - 1} iterations: {string.Join(", ", rises.Select(r => $"{r.Iteration} (+{r.Rise:P1})"))}" +
          (rises.Any(r => r.Rise > 0.1) ? "; at least one is above 10 %, more than the order of the windows explains" : "; all are small (below 10 %)"));
    var validated = log.Where(l => l.ValMeanCe is not null).ToList();
    if (validated.Count < 2) Console.WriteLine("validation: this run holds no text out (ValidationFraction = 0), so there is no validation curve.");
    else
    {
        var lowest = validated.MinBy(l => l.ValMeanCe!.Value)!;
        var end = validated[^1];
        Console.WriteLine($"final: training {end.MeanCe:F3}, validation {end.ValMeanCe:F3} nats per character (gap {end.ValMeanCe - end.MeanCe:+0.000;-0.000})");
        Console.WriteLine(lowest.Iteration < end.Iteration && end.ValMeanCe > lowest.ValMeanCe + 0.01
            ? $"validation was lowest at iteration {lowest.Iteration} ({lowest.ValMeanCe:F3}) and has risen by {end.ValMeanCe - lowest.ValMeanCe:F3} since, " +
              $"while training loss fell by {lowest.MeanCe - end.MeanCe:F3}: the model has started to memorize this text"
            : $"validation is at or near its lowest at the end (lowest {lowest.ValMeanCe:F3} at iteration {lowest.Iteration}): no sign of memorization yet");
        Console.WriteLine(BaselineComparison.Sentence(log, baselines));
    }
}

lesson.Prose("""
## Scaling up

The defaults are chosen to teach in seconds. To get closer to the article's run, change the settings cell and rerun:

| change | effect | time on 2 cores (roughly) |
|---|---|---|
| `Iterations = 91` | the article's length: a lower training loss; watch whether validation follows | ×3 |
| `HiddenSize = 256` | more capacity, lower loss per iteration | ×3 to ×4 per iteration |
| `corpusPath = "../data/large"` | 18× more text: fewer copied lines, slower iterations | ×18 per iteration |
| `Optimizer = OptimizerKind.Adagrad, LearningRate = 0.1` | min-char-rnn's optimizer; much faster progress here | about the same |

The loss values depend on *T* (the window loss is a sum over *T* characters), so compare runs with the same `SeqLength`, or compare `MeanCe` (per character).
""");

lesson.Prose("""
## Take the model to PyTorch

A model trained here can keep training in PyTorch (a bigger corpus, a GPU), and a model trained there can be read here. `TorchLayout.Export` writes a **safetensors** file: an 8-byte header length, a JSON header naming every tensor with its shape and byte range, then the raw float32 numbers. The names and layouts are those of PyTorch's `nn.Embedding(V, E)` + `nn.LSTM(E, H, num_layers)` + `nn.Linear(H, V)`, kept as `embedding`, `lstm` and `decoder`:

- PyTorch stores a weight output-major, `[out, in]` (`lstm.weight_ih_l0` is `[4H, E]`); the lab stores it input-major, `[in, out]`, so every matrix is transposed on the way out and back;
- the gate blocks are in the same order in both, *i*, *f*, *g*, *o*, so nothing is reshuffled;
- PyTorch gives each layer two biases, `bias_ih` and `bias_hh`, that are always added together; the lab has one, so it goes into `bias_ih` and `bias_hh` is zero. Importing adds the two.

The header's metadata (strings only, as the format wants) carries the vocabulary, the sizes and the training settings. The README shows the twenty lines of PyTorch that load the file and generate text. The cell below exports the model trained above into a temporary folder and lists what the file holds.
""");

lesson.Code("torch-export");
// A temporary folder, so nothing is written into the repository.
var torchFolder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"charlstm-01-{Environment.ProcessId}");
System.IO.Directory.CreateDirectory(torchFolder);
var torchPath = System.IO.Path.Combine(torchFolder, "model.safetensors");
var trained = trainer.ToCheckpoint();
CharLstmLab.Interop.TorchLayout.Export(trained, torchPath);

var torchFile = CharLstmLab.Interop.SafeTensors.Load(torchPath);
Console.WriteLine($"{System.IO.Path.GetFileName(torchPath)} (in a temporary folder): {new System.IO.FileInfo(torchPath).Length:N0} bytes");
foreach (var tensor in torchFile.Tensors)
    Console.WriteLine($"{tensor.Name,-18} {tensor.ShapeText,-10} {tensor.Values.Length,7:N0} numbers");
Console.WriteLine($"metadata: {string.Join(", ", torchFile.Metadata.Keys)}");

lesson.Prose("""
Now read the file back as PyTorch would hand it over, and check that nothing was lost: run the original model and the imported one over the opening of the corpus, character by character, and compare every logit they produce bit for bit, then draw a sample from each with the same seed. A transpose or bias that went wrong would show up here as differences; the first line should report none. An imported model has no optimizer state and no training log (a safetensors file holds only weights): `charlstm train --resume` on it starts a new run from these weights, at iteration 1.
""");

lesson.Code("torch-import");
var imported = CharLstmLab.Interop.TorchLayout.Import(torchPath);
var probeIds = vocabulary.Encode(corpus.Text[..Math.Min(300, corpus.Text.Length)]);
var originalStepper = new Stepper(trained.Model);
var importedStepper = new Stepper(imported.Model);
var originalLogits = new float[V];
var importedLogits = new float[V];
int differentBits = 0;
float largestGap = 0;
foreach (int probeId in probeIds)
{
    originalStepper.Step(probeId, originalLogits);
    importedStepper.Step(probeId, importedLogits);
    for (int v = 0; v < V; v++)
    {
        bool sameBits = BitConverter.SingleToInt32Bits(originalLogits[v]) == BitConverter.SingleToInt32Bits(importedLogits[v]);
        if (!sameBits) differentBits++;
        largestGap = Math.Max(largestGap, Math.Abs(originalLogits[v] - importedLogits[v]));
    }
}
Console.WriteLine($"{probeIds.Length * V:N0} logits compared: {differentBits} differ in any bit, " +
                  $"largest difference {largestGap}");

string SampleOf(Checkpoint fromCheckpoint) =>
    new TextGenerator(fromCheckpoint.Model, fromCheckpoint.Vocabulary)
        .Generate(settings.Prompt, settings.SampleLength, settings.Sampler.Create(), new Random(settings.Seed)).ToString();
var importedSample = SampleOf(imported);
Console.WriteLine($"same sample from both with seed {settings.Seed}: {importedSample == SampleOf(trained)}");
Console.WriteLine();
Console.WriteLine(importedSample);
System.IO.Directory.Delete(torchFolder, recursive: true);  // comment out to keep the file for PyTorch

lesson.Prose("""
## Backpropagation through time, by hand

Section 3 called `pass.Backward()` and read the gradients it left behind. Here is what happens inside it, for a model small
enough to print every number: the characters of one short sentence (*V* of them), an embedding of *E* = 2, one layer of
*H* = 3 units, a window of *T* = 3 steps and one stream. `ReferenceLstm` (in `src/CharLstmLab/Reference`) is the same model
written as its equations in double precision, with plain loops; its forward pass keeps, for every step, the input *x*, the
state it read (*h*ₜ₋₁, *c*ₜ₋₁), the four gates and the state it wrote. The cells below take those values and apply the chain
rule to them, one equation per cell, walking the steps backwards. Then the library's fast `WindowPass.Backward` gets the same
window and the two are compared entry by entry.

The forward pass first, so there is something to go back through. The loss of the window is the sum over its steps of
−ln *p*ₜ(target), divided by the number of streams (1 here).
""");

lesson.Code("bptt-forward");
// A model of its own, not the one trained above: small enough that every gradient fits on a line.
var bpttText = "a cat sat on a mat";
var bpttVocabulary = Vocabulary.FromText(bpttText);
const int bpttT = 3, bpttH = 3, bpttE = 2;
var bpttModel = CharLstm.Create(new ModelShape(bpttVocabulary.Size, bpttE, bpttH, 1), settings.Seed);
int[] bpttIds = bpttVocabulary.Encode(bpttText);
int[] bpttInputs = bpttIds[..bpttT], bpttTargets = bpttIds[1..(bpttT + 1)];
var bpttStart = bpttModel.InitHidden(1);
var bpttRun = ReferenceLstm.Forward(bpttModel, bpttInputs, bpttTargets, bpttStart);

// Signed, four decimals; a tiny negative number shows as -0.0000.
string Vec(double[] v) => "[" + string.Join(", ", v.Select(e => (e >= 0 ? "+" : "") + e.ToString("F4"))) + "]";
Console.WriteLine($"V = {bpttVocabulary.Size} characters, E = {bpttE}, H = {bpttH}, T = {bpttT}, one stream, from the zero state");
for (int t = 0; t < bpttT; t++)
{
    var s = bpttRun.Steps[0][t];
    Console.WriteLine($"t = {t}: reads {Vocabulary.Describe(bpttText[t])}, should predict {Vocabulary.Describe(bpttText[t + 1])}, " +
                      $"p(target) = {bpttRun.Probabilities[t][bpttTargets[t]]:F4}");
    Console.WriteLine($"    i {Vec(s.I)}  f {Vec(s.F)}  g {Vec(s.G)}  o {Vec(s.O)}");
    Console.WriteLine($"    c {Vec(s.C)}  h {Vec(s.H)}");
}
Console.WriteLine($"window loss = {bpttRun.Loss:F6}");

lesson.Prose("""
**Step 1: the loss and the output layer.** With *p* = softmax(logits) and the loss −ln *p*[*y*], the gradient with respect to
the logits is *p* minus the one-hot vector of the target: every wrong character is pushed down by its probability, the right
one pushed up by 1 − *p*[*y*]. The logits are *b* + *h*ₜ *W*ʸ, so the part of dL/d*h*ₜ that comes from the output is
*W*ʸ times that vector: (dL/d*h*ₜ)[*p*] = Σᵥ *W*ʸ[*p*, *v*] · dlogitsₜ[*v*]. This is what reaches each step from above,
before the recurrence adds anything.
""");

lesson.Code("bptt-output");
var bpttWy = bpttModel.OutputWeight;
int bpttV = bpttVocabulary.Size;
var bpttFromOutput = new double[bpttT][];
for (int t = 0; t < bpttT; t++)
{
    var dLogits = new double[bpttV];
    for (int v = 0; v < bpttV; v++) dLogits[v] = bpttRun.Probabilities[t][v] - (v == bpttTargets[t] ? 1 : 0);
    bpttFromOutput[t] = new double[bpttH];
    for (int p = 0; p < bpttH; p++)
        for (int v = 0; v < bpttV; v++) bpttFromOutput[t][p] += bpttWy.Value[p * bpttV + v] * dLogits[v];
    Console.WriteLine($"t = {t}: dL/dlogits sums to {dLogits.Sum():E1} (a softmax gradient sums to 0, up to rounding), " +
                      $"dL/dh from the output {Vec(bpttFromOutput[t])}");
}

lesson.Prose("""
**Step 2: back through the steps.** Now walk from the last step to the first. *h*ₜ is read twice, by the output and by the
next step's gates, so its gradient is the sum of both: dL/d*h*ₜ = (from the output) + *W*ʰ·d*z*ₜ₊₁, where the second term
is zero after the window's last step (truncated backpropagation: nothing comes back from beyond the window). *c*ₜ is read by
*h*ₜ = *o* ⊙ tanh *c*ₜ and by the next step's *c*ₜ₊₁ = *f* ⊙ *c*ₜ + …, so

- d*c*ₜ = (d*c* from step *t*+1) + d*h*ₜ ⊙ *o* ⊙ (1 − tanh² *c*ₜ)

and the four gates, through the derivatives of their activations (σ′ = σ(1 − σ), tanh′ = 1 − tanh²), get

- d*o* = d*h*ₜ ⊙ tanh *c*ₜ ⊙ *o*(1 − *o*),  d*i* = d*c*ₜ ⊙ *g* ⊙ *i*(1 − *i*),
- d*g* = d*c*ₜ ⊙ *i* ⊙ (1 − *g*²),  d*f* = d*c*ₜ ⊙ *c*ₜ₋₁ ⊙ *f*(1 − *f*).

These are gradients of the gates' *inputs* (the pre-activations *z*), in the order [*i* | *f* | *g* | *o*]. What the step
hands to the one before it: d*c*ₜ ⊙ *f* for *c*ₜ₋₁, and *W*ʰ·d*z*ₜ for *h*ₜ₋₁. (From the zero state *c*₋₁ = 0,
so d*f* at *t* = 0 is exactly zero: a forget gate with nothing to forget gets no gradient.)
""");

lesson.Code("bptt-walk");
var bpttWh = bpttModel.Layers[0].Wh;
int bpttG4 = 4 * bpttH;
var bpttDz = new double[bpttT][];
double[] bpttDhNext = new double[bpttH], bpttDcNext = new double[bpttH];
for (int t = bpttT - 1; t >= 0; t--)
{
    var s = bpttRun.Steps[0][t];
    double[] dh = new double[bpttH], dc = new double[bpttH], dz = new double[bpttG4];
    for (int j = 0; j < bpttH; j++)
    {
        dh[j] = bpttFromOutput[t][j] + bpttDhNext[j];
        double tanhC = Math.Tanh(s.C[j]);
        dc[j] = bpttDcNext[j] + dh[j] * s.O[j] * (1 - tanhC * tanhC);
        dz[j] = dc[j] * s.G[j] * s.I[j] * (1 - s.I[j]);                 // di
        dz[bpttH + j] = dc[j] * s.CPrev[j] * s.F[j] * (1 - s.F[j]);     // df
        dz[2 * bpttH + j] = dc[j] * s.I[j] * (1 - s.G[j] * s.G[j]);     // dg
        dz[3 * bpttH + j] = dh[j] * tanhC * s.O[j] * (1 - s.O[j]);      // do
    }
    bpttDz[t] = dz;
    // What step t hands back to step t - 1.
    bpttDhNext = new double[bpttH];
    for (int p = 0; p < bpttH; p++)
        for (int k = 0; k < bpttG4; k++) bpttDhNext[p] += bpttWh.Value[p * bpttG4 + k] * dz[k];
    bpttDcNext = dc.Select((d, j) => d * s.F[j]).ToArray();
    Console.WriteLine($"t = {t}: dL/dh {Vec(dh)}  dL/dc {Vec(dc)}");
    Console.WriteLine($"    di {Vec(dz[..bpttH])}  df {Vec(dz[bpttH..(2 * bpttH)])}  dg {Vec(dz[(2 * bpttH)..(3 * bpttH)])}  do {Vec(dz[(3 * bpttH)..])}");
}
Console.WriteLine($"left over at the start: dL/dh0 {Vec(bpttDhNext)}  dL/dc0 {Vec(bpttDcNext)}");

lesson.Prose("""
**Step 3: a weight gradient.** The same *W*ʰ is used at every step (*z*ₜ = *b* + *x*ₜ*W*ˣ + *h*ₜ₋₁*W*ʰ), so its gradient
is a sum over the steps: d*W*ʰ = Σₜ *h*ₜ₋₁ᵀ d*z*ₜ. Take one block of it, the forget gate's *H* columns:
d*W*ʰ_f[*p*, *j*] = Σₜ *h*ₜ₋₁[*p*] · d*f*ₜ[*j*]. The window starts from the zero state, so *h*₋₁ = 0 and the first step adds
nothing to it; the gradient that the zero state itself receives (dL/d*h*₀ above) is what training throws away at every
window boundary.
""");

lesson.Code("bptt-dw");
var bpttDWhForget = new double[bpttH, bpttH];
for (int t = 0; t < bpttT; t++)
    for (int p = 0; p < bpttH; p++)
        for (int j = 0; j < bpttH; j++) bpttDWhForget[p, j] += bpttRun.Steps[0][t].HPrev[p] * bpttDz[t][bpttH + j];
Console.WriteLine("dL/dWh, forget-gate block (row p = unit of h_{t-1}, column j = forget gate of unit j):");
for (int p = 0; p < bpttH; p++)
    Console.WriteLine("    " + string.Join("  ", Enumerable.Range(0, bpttH).Select(j => bpttDWhForget[p, j].ToString("+0.000000;-0.000000"))));

lesson.Prose("""
**Step 4: the library's answer.** `WindowPass` is the fast path training uses: float32, blocked matrix products, the
cell's four gates fused into one vector loop. Give it the same model and window, run `Forward` and `Backward`, and compare
its forget-gate block of `Wh.Grad` with the hand computation entry by entry, and its start-state gradient
(`StartStateGradient()`) with what was left over at *t* = 0. The hand computation is in double and the library in float,
so they should agree to about float precision (1e-7 relative), no more. `ReferenceLstm.Backward` does for every parameter
what the cells above did for one block; the last line compares all of them.
""");

lesson.Code("bptt-compare");
var bpttPass = new WindowPass(bpttModel, 1, bpttT);
bpttModel.ZeroGrad();
double bpttFastLoss = bpttPass.Forward(bpttInputs, bpttTargets, bpttStart.Clone());
bpttPass.Backward();
var bpttFastStart = bpttPass.StartStateGradient();

double bpttBlockGap = 0, bpttLargest = 0;
for (int p = 0; p < bpttH; p++)
    for (int j = 0; j < bpttH; j++)
    {
        double fast = bpttWh.Grad[p * bpttG4 + bpttH + j];
        Console.WriteLine($"dWh_f[{p}, {j}]  by hand {bpttDWhForget[p, j]:+0.000000000;-0.000000000}  WindowPass {fast:+0.000000000;-0.000000000}");
        bpttBlockGap = Math.Max(bpttBlockGap, Math.Abs(fast - bpttDWhForget[p, j]));
        bpttLargest = Math.Max(bpttLargest, Math.Abs(bpttDWhForget[p, j]));
    }
double bpttStartGap = Enumerable.Range(0, bpttH).Max(j => Math.Max(Math.Abs(bpttFastStart.H[0][j] - bpttDhNext[j]),
                                                                 Math.Abs(bpttFastStart.C[0][j] - bpttDcNext[j])));
var bpttReference = ReferenceLstm.Backward(bpttModel, bpttRun);
double bpttAllGap = bpttModel.Parameters.Max(p => p.Grad.Select((g, i) => Math.Abs(g - bpttReference.Parameters[p.Name][i])).Max());
Console.WriteLine($"loss: by hand {bpttRun.Loss:F9}, WindowPass {bpttFastLoss:F9}");
Console.WriteLine($"max |difference|, forget-gate block of dWh: {bpttBlockGap:E2} (its largest entry is {bpttLargest:E2})");
Console.WriteLine($"max |difference|, dL/dh0 and dL/dc0: {bpttStartGap:E2}");
Console.WriteLine($"max |difference|, every gradient of every parameter against ReferenceLstm.Backward: {bpttAllGap:E2}");
double bpttWorstGap = Math.Max(bpttBlockGap, Math.Max(bpttStartGap, bpttAllGap));
Console.WriteLine(bpttWorstGap <= 1e-6
    ? $"Verdict: the fast backward pass and the equations agree to float rounding (worst gap {bpttWorstGap:E1} <= 1e-6): WindowPass.Backward computes backpropagation through time as written above."
    : $"Verdict: they differ by {bpttWorstGap:E1}, more than float rounding (1e-6) explains: one of the two computes a different derivative.");

lesson.Prose("""
## Exercises

1. Set `ClipValue = null` and `LearningRate = 1.0`. What happens to the gradient norm and the loss? Does the run recover?
2. Change `Seed` to 2 and 3. Which rebounds stay in the same place and which move? What does that say about their cause?
3. In the gates cell, compute the mean of the forget gate for every character of the vocabulary. Is it still near 0.73 after training (use `trainer.Model`)?
4. Train with `SeqLength = 10` and then `50`. How does the starting window loss change, and why? Which per-character loss is lower after 30 iterations?
5. Switch to the large corpus for 10 iterations. Compare the gap between training and validation loss with the small corpus after the same number of iterations.
6. In the backpropagation section, start the window from a random state instead of the zero one (fill `bpttStart.H[0]` and `bpttStart.C[0]`). Which terms of the forget-gate block change, and why does step *t* = 0 now add to dWh?
7. Set `bpttT` to 6. How does the size of dL/dh0 compare with dL/dh at the last step? That ratio is what truncated backpropagation drops at a window boundary.
""");

lesson.Finish();

// What the notebook kernel provides to every cell, as this app provides it.
void display(object? value) => lesson.Display(value);
