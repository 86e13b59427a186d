using CharLstmLab.Diagnostics;
using CharLstmLab.Model;
using CharLstmLab.Text;

namespace CharLstmLab.Inspection;

/// <summary>
/// Reads any text (a sample, the validation text, a line of the corpus) through the <see cref="Stepper"/> and records,
/// for every character, the distribution the model predicted it from, as in Karpathy's "Unreasonable Effectiveness"
/// visualizations. The probabilities are the ones <see cref="Softmax.CrossEntropy"/> writes from the Stepper's logits,
/// so the surprisals add up to exactly the loss the evaluator reports for the same text.
/// </summary>
public static class CharacterReader
{
    public const int DefaultTop = 5;

    /// <summary>
    /// Feeds <paramref name="prompt"/> (if any) from the zero state, then scores every character of <paramref name="text"/>;
    /// without a prompt the text's first character is the context. With a <paramref name="corpus"/>, the invented words
    /// (see <see cref="NonsenseWords"/>; a word cut off by the end of the text is not judged) get their departure points.
    /// </summary>
    public static CharacterReading Read(CharLstm model, Vocabulary vocabulary, string text, string? prompt = null,
        CorpusIndex? corpus = null, WordList? dictionary = null, int top = DefaultTop)
    {
        if (top < 1) throw new LabException($"Show at least one alternative per character, not {top}.");
        string context = string.IsNullOrEmpty(prompt) ? (text.Length > 0 ? text[..1] : "") : prompt;
        string scored = string.IsNullOrEmpty(prompt) ? (text.Length > 0 ? text[1..] : "") : text;
        if (context.Length == 0) throw new LabException("There is nothing to read: the text is empty and there is no prompt.");
        int[] contextIds = vocabulary.Encode(context), ids = vocabulary.Encode(scored); // unknown characters fail here, before any work
        top = Math.Min(top, vocabulary.Size);

        var stepper = new Stepper(model);
        var logits = new float[vocabulary.Size];
        var probs = new float[vocabulary.Size];
        foreach (int id in contextIds) stepper.Step(id, logits);
        var scores = new CharacterScore[ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            double surprisal = Softmax.CrossEntropy(logits, probs, ids[i]);
            scores[i] = new CharacterScore(i, scored[i], probs[ids[i]], surprisal, Top(probs, vocabulary, top));
            if (i + 1 < ids.Length) stepper.Step(ids[i], logits);
        }
        var departures = corpus is null ? [] : Departures(scored, scores, corpus, dictionary ?? WordList.English);
        return new CharacterReading(context, scored, scores, departures);
    }

    static (char, float)[] Top(float[] probs, Vocabulary vocabulary, int top) =>
        Enumerable.Range(0, probs.Length).OrderByDescending(i => probs[i]).ThenBy(i => i).Take(top).Select(i => (vocabulary[i], probs[i])).ToArray();

    static List<Departure> Departures(string text, CharacterScore[] scores, CorpusIndex corpus, WordList dictionary)
    {
        var invented = new HashSet<string>(NonsenseWords.Measure(text, corpus, dictionary).InventedWords, Words.Comparer);
        var departures = new List<Departure>();
        if (invented.Count == 0) return departures;
        var prefixes = new WordPrefixes(Words.In(corpus.Text));
        int start = -1;
        for (int i = 0; i < text.Length; i++)
        {
            bool letter = Words.IsWordChar(text[i]);
            if (letter && start < 0) start = i;
            if (letter || start < 0) continue;
            string word = text[start..i]; // ended by text[i], so never a word cut off by the end of the text
            if (invented.Contains(word))
            {
                int left = prefixes.FirstDeparture(word);
                int position = left < 0 ? i : start + left;
                departures.Add(new Departure(word, start, position, left < 0, scores[position]));
            }
            start = -1;
        }
        return departures;
    }
}
