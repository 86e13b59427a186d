using System.Diagnostics;
using CharLstmLab.Compute;
using CharLstmLab.Model;
using CharLstmLab.Sampling;
using CharLstmLab.Text;

namespace CharLstmLab.Training;

/// <summary>
/// The training loop. Each iteration starts from the zero state and reads every window of the
/// training text once; each window is forward, backward through time, clip, update.
/// Everything random derives from <see cref="TrainingSettings.Seed"/>, so a run is reproducible
/// bit for bit and a resumed run continues exactly as if it had never stopped.
/// </summary>
public sealed class Trainer
{
    readonly BatchStreams batches;
    readonly WindowStep step;
    readonly List<IterationLog> log;
    readonly int[] inputs, targets;
    readonly double previousSeconds;
    readonly Stopwatch runClock = new(); // wall time of this session's iterations

    public Trainer(Corpus corpus, TrainingSettings settings) : this(corpus, settings, null) { }

    Trainer(Corpus corpus, TrainingSettings settings, RunState? resume)
    {
        settings.Validate();
        Settings = settings;
        Vocabulary = resume?.Vocabulary ?? Vocabulary.FromText(corpus.Text);
        foreach (char ch in corpus.Text)
            if (!Vocabulary.Contains(ch))
                throw new LabException($"The corpus holds the character {Vocabulary.Describe(ch)}, which the checkpoint's vocabulary lacks; " +
                                       "resume on the corpus it was trained on.");
        Split = TextSplit.Create(Vocabulary.Encode(corpus.Text), settings.ValidationFraction);
        var shape = new ModelShape(Vocabulary.Size, settings.EmbeddingSize, settings.HiddenSize, settings.Layers);
        if (resume is not null && resume.Model.Shape != shape)
            throw new LabException($"The checkpoint's model ({Describe(resume.Model.Shape)}) does not match the settings ({Describe(shape)}).");
        MemoryBudget.CheckTraining(shape, settings); // the larger need first, so its sentence is the one a user sees
        shape.Validate();
        batches = new BatchStreams(Split.Train, settings.BatchSize, settings.SeqLength); // refuses a text too short, before the model exists
        // Samples are taken after an iteration's work; a prompt the model cannot read must fail before any.
        if (settings.SampleEvery > 0)
            foreach (char c in settings.Prompt)
                if (!Vocabulary.Contains(c))
                    throw new LabException($"The sampling prompt holds the character {Vocabulary.Describe(c)}, which the corpus never uses, " +
                                           "so no sample could start; " +
                                           "choose a prompt made of the corpus's characters, or turn sampling off.");
        Model = resume?.Model ?? CharLstm.Create(shape, settings.Seed);
        Optimizer = Optimizer.Create(settings.Optimizer, Model.Parameters);
        if (resume is not null) RestoreOptimizer(resume);
        // This trainer's own threads: another trainer in the same process keeps its own count.
        Compute = new ComputeContext(settings.Threads);
        step = new WindowStep(Model, Optimizer, settings.BatchSize, settings.SeqLength, settings.ClipValue, settings.ClipNorm, Compute,
            settings.Dropout);
        inputs = new int[settings.BatchSize * settings.SeqLength];
        targets = new int[inputs.Length];
        log = resume is null ? [] : [.. resume.Log];
        previousSeconds = log.Count > 0 ? log[^1].Seconds : 0;
    }

    /// <summary>Continues a run from where it stood. Settings other than the model's shape may change (e.g. more iterations).</summary>
    public static Trainer Continue(RunState state, Corpus corpus, TrainingSettings? settings = null) =>
        new(corpus, settings ?? state.Settings, state);

    void RestoreOptimizer(RunState state)
    {
        if (Optimizer.Kind != state.OptimizerKind)
            throw new LabException($"The checkpoint was trained with {state.OptimizerKind} and cannot resume with {Optimizer.Kind}.");
        for (int i = 0; i < state.OptimizerState.Length; i++) state.OptimizerState[i].CopyTo(Optimizer.State[i], 0);
        Optimizer.Steps = state.OptimizerSteps;
    }

    public TrainingSettings Settings { get; }
    public Vocabulary Vocabulary { get; }
    public TextSplit Split { get; }
    public CharLstm Model { get; }
    public Optimizer Optimizer { get; }
    /// <summary>The threads this trainer's steps use (<see cref="TrainingSettings.Threads"/>).</summary>
    public ComputeContext Compute { get; }
    public IReadOnlyList<IterationLog> Log => log;
    public int CompletedIterations => log.Count;
    public int WindowsPerIteration => batches.WindowCount;

    public event Action<StepReport>? StepCompleted;
    public event Action<IterationLog>? IterationCompleted;

    /// <summary>Trains until <see cref="TrainingSettings.Iterations"/> iterations are done.</summary>
    public IReadOnlyList<IterationLog> Run(CancellationToken cancel = default)
    {
        while (CompletedIterations < Settings.Iterations) RunIteration(cancel);
        return log;
    }

    /// <summary>One full pass over the training text.</summary>
    public IterationLog RunIteration(CancellationToken cancel = default)
    {
        int iteration = CompletedIterations + 1;
        runClock.Start();
        float lr = (float)Settings.LearningRateAt(iteration);
        lastGood.Take(Model, Optimizer);
        IterationLog entry;
        try
        {
            entry = Iterate(iteration, lr, cancel);
        }
        catch
        {
            // Stopped (Ctrl+C), diverged or failed part-way: the weights and optimizer state go back to the
            // end of the last whole iteration, so what is saved next matches the log and resumes exactly.
            lastGood.Restore(Model, Optimizer);
            throw;
        }
        log.Add(entry);
        IterationCompleted?.Invoke(entry);
        return entry;
    }

    IterationLog Iterate(int iteration, float lr, CancellationToken cancel)
    {
        var state = Model.InitHidden(Settings.BatchSize);
        double lossSum = 0, normSum = 0, normMax = 0, first = 0;
        for (int k = 0; k < batches.WindowCount; k++)
        {
            cancel.ThrowIfCancellationRequested();
            batches.Fill(k, inputs, targets);
            // The masks depend only on (seed, iteration, window): a resumed run draws the same ones.
            ulong? masks = Settings.Dropout > 0 ? DropoutMasks.WindowSeed(Settings.Seed, iteration, k) : null;
            var (loss, norm, largest) = step.Run(inputs, targets, state, lr, masks);
            if (!double.IsFinite(loss)) throw Diverged(iteration, k, $"the loss became {loss}");
            if (!double.IsFinite(norm)) throw Diverged(iteration, k, $"the gradient norm became {norm}");

            if (k == 0) first = loss;
            lossSum += loss;
            normSum += norm;
            normMax = Math.Max(normMax, norm);
            StepCompleted?.Invoke(new StepReport(iteration, k, batches.WindowCount, loss, norm, lr, largest));
        }

        if (!Snapshot.AllFinite(Model)) throw Diverged(iteration, batches.WindowCount - 1, "a weight became infinite or NaN");
        var units = new LossUnits(lossSum / batches.WindowCount, Settings.SeqLength);
        double? val = Split.Validation.Length >= 2 ? Evaluator.MeanCrossEntropy(Model, Split.Validation, cancel) : null;
        string? sample = Settings.SamplesAt(iteration) ? SampleAt(iteration) : null;
        double seconds = previousSeconds + runClock.Elapsed.TotalSeconds;
        return new IterationLog(iteration, units.WindowLoss, units.MeanCrossEntropy, units.Perplexity, units.BitsPerCharacter,
            val, normSum / batches.WindowCount, normMax, Settings.LearningRateAt(iteration), seconds, first, sample);
    }

    /// <summary>The sample the log records at an iteration; its generator is seeded from the run's seed and the iteration.</summary>
    public string SampleAt(int iteration) =>
        new TextGenerator(Model, Vocabulary)
            .Generate(Settings.Prompt, Settings.SampleLength, Settings.Sampler.Create(), SampleRandom(iteration)).ToString();

    public Random SampleRandom(int iteration) => new(SampleSeed(Settings.Seed, iteration));

    /// <summary>
    /// A fixed mix of seed and iteration (splitmix64's finalizer). Not HashCode.Combine: that is seeded
    /// per process, so the same run would sample different text in every process.
    /// </summary>
    static int SampleSeed(int seed, int iteration)
    {
        ulong z = (uint)seed * 0x9E3779B97F4A7C15UL + (uint)iteration;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }

    static string Describe(ModelShape s) => $"V={s.VocabSize} E={s.EmbeddingSize} H={s.HiddenSize} layers={s.Layers}";

    static DivergenceException Diverged(int iteration, int window, string what) =>
        new(iteration,
            $"Training stopped at iteration {iteration} (window {window + 1}): {what}. " +
            $"The model is back at its state after iteration {iteration - 1}; " +
            "lower the learning rate or turn on gradient clipping.");

    readonly Snapshot lastGood = new();

    /// <summary>Weights and optimizer state at the start of the current iteration, to fall back on if it diverges.</summary>
    sealed class Snapshot
    {
        float[][] weights = [], slots = [];
        long steps;

        public void Take(CharLstm model, Optimizer optimizer)
        {
            if (weights.Length == 0)
            {
                weights = model.Parameters.Select(p => new float[p.Length]).ToArray();
                slots = optimizer.State.Select(s => new float[s.Length]).ToArray();
            }
            for (int i = 0; i < weights.Length; i++) model.Parameters[i].Value.CopyTo(weights[i], 0);
            for (int i = 0; i < slots.Length; i++) optimizer.State[i].CopyTo(slots[i], 0);
            steps = optimizer.Steps;
        }

        public void Restore(CharLstm model, Optimizer optimizer)
        {
            for (int i = 0; i < weights.Length; i++) weights[i].CopyTo(model.Parameters[i].Value, 0);
            for (int i = 0; i < slots.Length; i++) slots[i].CopyTo(optimizer.State[i], 0);
            optimizer.Steps = steps;
        }

        public static bool AllFinite(CharLstm model) => model.Parameters.All(p => AllFinite(p.Value));

        static bool AllFinite(ReadOnlySpan<float> values)
        {
            foreach (float v in values) if (!float.IsFinite(v)) return false;
            return true;
        }
    }
}
