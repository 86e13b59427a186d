using CharLstmLab.Model;
using CharLstmLab.Sampling;
using CharLstmLab.Text;

namespace CharLstmLab.Reproduction;

/// <summary>
/// The article's mechanism tested directly: "one wrong character feeds the next". Generate a text,
/// then generate it again with one character replaced by the most likely other character, and see
/// how the continuation differs. For greedy decoding the two texts differ only through the model's
/// state; for temperature sampling both use the same random stream (every step draws one number,
/// forced or not), so any difference is also the forcing's doing, not the dice's.
/// </summary>
public static class Snowball
{
    public const string Claim = "One wrong character snowballs under greedy decoding; sampling recovers from it.";

    public static IReadOnlyList<SnowballTrial> Measure(CharLstm model, Vocabulary vocabulary, int trainingSeed, SnowballSettings settings)
    {
        settings.Validate();
        var trials = new List<SnowballTrial>();
        var greedy = new GreedySampler();
        trials.AddRange(Trials(model, vocabulary, trainingSeed, settings, greedy, 0));
        var sampler = new TemperatureSampler(settings.Temperature);
        foreach (int seed in settings.SamplingSeeds) trials.AddRange(Trials(model, vocabulary, trainingSeed, settings, sampler, seed));
        return trials;
    }

    static IEnumerable<SnowballTrial> Trials(CharLstm model, Vocabulary vocabulary, int trainingSeed, SnowballSettings s, ISampler sampler, int seed)
    {
        int[] prompt = vocabulary.Encode(s.Prompt);
        var (baseline, probabilities) = Generate(model, prompt, s.Length, sampler, seed, -1, -1);
        foreach (int k in s.Positions)
        {
            int forced = MostLikelyOther(probabilities[k], baseline[k]);
            var (changed, _) = Generate(model, prompt, s.Length, sampler, seed, k, forced);
            var a = baseline.AsSpan(k + 1);
            var b = changed.AsSpan(k + 1);
            yield return new SnowballTrial(sampler is GreedySampler ? "greedy" : sampler.Name, trainingSeed, seed, k,
                vocabulary[baseline[k]], vocabulary[forced], (double)EditDistance(a[..s.Horizon], b[..s.Horizon]) / s.Horizon,
                Resync(a, b, s.Horizon, s.Agree, s.MaxShift), vocabulary.Decode(a[..s.Horizon]), vocabulary.Decode(b[..s.Horizon]));
        }
    }

    /// <summary>
    /// Generated ids and, at every step, the probabilities the model gave (at T = 1). At
    /// <paramref name="forceAt"/> the sampler still draws (so a random stream stays in step) but
    /// <paramref name="forcedId"/> is what is written and fed back.
    /// </summary>
    static (int[] Ids, float[][] Probabilities) Generate(CharLstm model, int[] prompt, int length, ISampler sampler, int seed, int forceAt,
        int forcedId)
    {
        var stepper = new Stepper(model);
        int V = stepper.VocabSize;
        var logits = new float[V];
        var scratch = new float[V];
        foreach (int id in prompt) stepper.Step(id, logits);
        var rng = new Random(seed);
        var ids = new int[length];
        var probabilities = new float[length][];
        for (int i = 0; i < length; i++)
        {
            int next = sampler.Sample(logits, scratch, rng);
            probabilities[i] = new float[V];
            Softmax.Probabilities(logits, probabilities[i]);
            ids[i] = i == forceAt ? forcedId : next;
            if (i + 1 < length) stepper.Step(ids[i], logits);
        }
        return (ids, probabilities);
    }

    /// <summary>The most likely character other than <paramref name="original"/>, ties to the lower id: for greedy, the runner-up.</summary>
    public static int MostLikelyOther(ReadOnlySpan<float> probabilities, int original)
    {
        int best = original == 0 ? 1 : 0;
        for (int i = 0; i < probabilities.Length; i++)
            if (i != original && probabilities[i] > probabilities[best]) best = i;
        return best;
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions, each costing one.</summary>
    public static int EditDistance(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>
    /// The first offset j &lt; horizon at which <paramref name="b"/> agrees with <paramref name="a"/> for
    /// <paramref name="agree"/> characters in a row, at some shift of at most <paramref name="maxShift"/>
    /// (a forced character can push the same words one place along); null if none.
    /// </summary>
    public static int? Resync(ReadOnlySpan<int> a, ReadOnlySpan<int> b, int horizon, int agree, int maxShift)
    {
        for (int j = 0; j < horizon; j++)
            for (int d = -maxShift; d <= maxShift; d++)
            {
                int ja = j + d;
                if (ja < 0 || ja + agree > a.Length || j + agree > b.Length) continue;
                if (a.Slice(ja, agree).SequenceEqual(b.Slice(j, agree))) return j;
            }
        return null;
    }

    /// <summary>
    /// Per training seed, the mean edit share of greedy minus that of sampling: above zero, a forced
    /// character leaves more trace in greedy text (the claim holds); below zero, less.
    /// </summary>
    public static ClaimEvidence Evidence(IReadOnlyList<SnowballTrial> trials, SnowballSettings settings, string where)
    {
        var seeds = trials.Select(t => t.TrainingSeed).Distinct().ToList();
        double Edit(int seed, bool greedy) =>
            trials.Where(t => t.TrainingSeed == seed && (t.Strategy == "greedy") == greedy).Average(t => t.EditShare);
        double Never(bool greedy) => trials.Where(t => (t.Strategy == "greedy") == greedy).Average(t => t.Resync is null ? 1.0 : 0.0);
        var effect = SeedInterval.Of(seeds.Select(s => Edit(s, true) - Edit(s, false)).ToList());
        var verdict = new[] { effect }.Judge();
        string evidence = $"Over {seeds.Count} training seed(s), one character forced at positions {string.Join(", ", settings.Positions)}; edit " +
            $"distance over the next {settings.Horizon} characters " +
                          $"/ {settings.Horizon}: greedy {seeds.Average(s => Edit(s, true)):0.00}, T = {settings.Temperature:0.###} " +
                          $"{seeds.Average(s => Edit(s, false)):0.00} ({settings.SamplingSeeds.Count} shared random streams); " +
                          "never back in step within " +
                          $"{settings.Horizon}: greedy {Never(true):P0}, sampled {Never(false):P0}. Greedy minus sampled, mean " +
                          $"[95 % t-interval]: {effect.Signed()}" +
                          (verdict == Verdict.NotEstablished && effect.HasInterval
                              ? ", an interval that includes zero: no clear difference with these seeds." : ".");
        return new("d (snowball)", Claim, verdict, evidence, seeds.Count, "greedy minus sampled edit share after one forced character",
            effect.Mean, effect.Low, effect.High, where);
    }
}
