namespace CharLstmLab.Baselines;

/// <summary>
/// An interpolated Kneser-Ney character n-gram model (Chen and Goodman 1998, "interpolated KN"):
/// P_k(w | h) = max(c_k(h w) - D_k, 0) / c_k(h) + D_k N1+(h •) / c_k(h) * P_{k-1}(w | h minus its first character),
/// with P_0 = 1/V. The highest order counts occurrences; every lower order counts continuations (how many
/// distinct characters precede h w), which is what makes it Kneser-Ney rather than absolute discounting.
/// A context never seen in training backs off to the next lower order outright, so every character of
/// the vocabulary always has a positive probability and each distribution sums to one.
/// </summary>
/// <remarks>
/// The discount of each order is Ney's estimate D_k = n1 / (n1 + 2 n2) from that order's counts of count
/// one and two, rather than a fixed 0.75: on a corpus of a few thousand characters the high orders are
/// mostly singletons and want a discount near 1, the low orders a smaller one. It is clamped to
/// [0.1, 0.95] so a degenerate order (no singletons, or no doubletons) neither gives unseen characters
/// zero probability nor wipes out its own counts. At n = 1 the model is character frequencies
/// discounted toward the uniform distribution. Near the start of a scored text the context is shorter
/// than n - 1 characters, and the model uses the highest order that context fills.
/// </remarks>
public sealed class KneserNeyModel
{
    const double MinDiscount = 0.1, MaxDiscount = 0.95;

    // levels[k - 1] holds the counts of order k (context of k - 1 characters).
    readonly Level[] levels;

    public KneserNeyModel(ReadOnlySpan<int> train, int vocabSize, int order)
    {
        Check(train, vocabSize, order);
        Order = order;
        VocabSize = vocabSize;
        levels = new Level[order];
        for (int k = 1; k <= order; k++) levels[k - 1] = Level.Count(train, k, continuation: k < order);
    }

    KneserNeyModel(Level[] levels, int vocabSize)
    {
        this.levels = levels;
        Order = levels.Length;
        VocabSize = vocabSize;
    }

    /// <summary>
    /// The models of orders 1 to <paramref name="maxOrder"/>, the same as fitting each alone, but each order's
    /// occurrence and continuation counts are made once and shared (a model of order n uses occurrences at n, continuations below).
    /// </summary>
    public static IReadOnlyList<KneserNeyModel> FitAll(ReadOnlySpan<int> train, int vocabSize, int maxOrder)
    {
        Check(train, vocabSize, maxOrder);
        var occurrences = new Level[maxOrder];
        var continuations = new Level[maxOrder];
        for (int k = 1; k <= maxOrder; k++)
        {
            occurrences[k - 1] = Level.Count(train, k, continuation: false);
            if (k < maxOrder) continuations[k - 1] = Level.Count(train, k, continuation: true);
        }
        var models = new KneserNeyModel[maxOrder];
        for (int n = 1; n <= maxOrder; n++)
            models[n - 1] = new KneserNeyModel([.. continuations[..(n - 1)], occurrences[n - 1]], vocabSize);
        return models;
    }

    static void Check(ReadOnlySpan<int> train, int vocabSize, int order)
    {
        if (order < 1) throw new LabException($"The n-gram order must be 1 or more, but it is {order}.");
        if (vocabSize is < 2 or > char.MaxValue)
            throw new LabException($"The n-gram model needs a vocabulary of 2 to {(int)char.MaxValue} characters, not {vocabSize}.");
        if (train.Length == 0) throw new LabException("The n-gram model needs some training text.");
        foreach (int id in train)
            if ((uint)id >= (uint)vocabSize) throw new LabException($"The training text holds the id {id}, outside the vocabulary of {vocabSize}.");
    }

    public int Order { get; }
    public int VocabSize { get; }

    /// <summary>The discount D_k of order k (1-based).</summary>
    public double Discount(int k) => levels[k - 1].Discount;

    /// <summary>P(next | context), where only the last <see cref="Order"/> - 1 characters of the context matter.</summary>
    public double Probability(ReadOnlySpan<int> context, int next)
    {
        if ((uint)next >= (uint)VocabSize) throw new ArgumentOutOfRangeException(nameof(next));
        if (context.Length > Order - 1) context = context[^(Order - 1)..];
        double p = 1.0 / VocabSize;
        // From the empty context up: each order mixes its discounted counts with the order below.
        for (int k = 1; k <= context.Length + 1; k++)
        {
            var h = context[^(k - 1)..];
            if (!levels[k - 1].Contexts.TryGetValue(Key(h), out var counts)) break; // longer contexts are unseen too
            double d = levels[k - 1].Discount;
            counts.Next.TryGetValue(next, out int c);
            p = (Math.Max(c - d, 0) + d * counts.Next.Count * p) / counts.Total;
        }
        return p;
    }

    /// <summary>Mean -ln P(text[i+1] | text[..i]) over the text, read from its start as the LSTM's evaluator reads it (nats per character).</summary>
    public double MeanCrossEntropy(ReadOnlySpan<int> text)
    {
        if (text.Length < 2) throw new LabException("Scoring needs a text of at least two characters.");
        double total = 0;
        for (int i = 0; i + 1 < text.Length; i++) total -= Math.Log(Probability(text[..(i + 1)], text[i + 1]));
        return total / (text.Length - 1);
    }

    static string Key(ReadOnlySpan<int> ids)
    {
        Span<char> chars = ids.Length <= 64 ? stackalloc char[ids.Length] : new char[ids.Length];
        for (int i = 0; i < ids.Length; i++) chars[i] = (char)ids[i];
        return new string(chars);
    }

    sealed class ContextCounts
    {
        public readonly Dictionary<int, int> Next = [];
        public int Total;
    }

    sealed record Level(Dictionary<string, ContextCounts> Contexts, double Discount)
    {
        /// <summary>
        /// Counts of order k. For continuation counts, an n-gram counts once per distinct character before
        /// it; the start of the text counts as one more such character, so a k-gram seen only there is not lost.
        /// </summary>
        public static Level Count(ReadOnlySpan<int> train, int k, bool continuation)
        {
            var contexts = new Dictionary<string, ContextCounts>();
            var seen = continuation ? new HashSet<string>() : null;
            for (int end = k; end <= train.Length; end++)
            {
                var gram = train[(end - k)..end];
                if (seen is not null)
                {
                    string withBefore = end - k > 0 ? Key(train[(end - k - 1)..end]) : "\uffff" + Key(gram);
                    if (!seen.Add(withBefore)) continue;
                }
                string h = Key(gram[..^1]);
                if (!contexts.TryGetValue(h, out var counts)) contexts[h] = counts = new ContextCounts();
                counts.Next[gram[^1]] = counts.Next.GetValueOrDefault(gram[^1]) + 1;
                counts.Total++;
            }
            long n1 = 0, n2 = 0;
            foreach (var counts in contexts.Values)
                foreach (int c in counts.Next.Values)
                    if (c == 1) n1++;
                    else if (c == 2) n2++;
            double d = n1 + 2 * n2 == 0 ? MaxDiscount : (double)n1 / (n1 + 2 * n2);
            return new Level(contexts, Math.Clamp(d, MinDiscount, MaxDiscount));
        }
    }
}
