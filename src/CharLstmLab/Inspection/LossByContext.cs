using System.Globalization;
using CharLstmLab.Diagnostics;
using CharLstmLab.Model;
using CharLstmLab.Text;

namespace CharLstmLab.Inspection;

/// <summary>
/// Where the model's uncertainty lives: the per-character loss of a read text (<see cref="CharacterReading"/>) grouped by
/// the Markdown construct each character sits in (<see cref="MarkdownStates"/>: heading, list item, code fence, inline code,
/// link text, URL, table; "prose" is a character in none of them) and by its place in a word (first letter, later
/// letters, not a letter). A character in a link inside a list item counts in both. A context with fewer than
/// <paramref name="MinimumCount"/> characters is listed with its count but not ranked.
/// </summary>
public sealed record LossByContext(IReadOnlyList<ContextLoss> Contexts, IReadOnlyList<ContextLoss> WordPositions, double Overall, int MinimumCount)
{
    public const int DefaultMinimumCount = 20;
    public const string Prose = "prose";

    static readonly MarkdownState[] Constructs =
    [
        MarkdownState.Heading, MarkdownState.ListItem, MarkdownState.CodeFence, MarkdownState.InlineCode,
        MarkdownState.LinkText, MarkdownState.Url, MarkdownState.Table,
    ];

    /// <summary>
    /// Groups <paramref name="reading"/>'s losses; its character i is character <paramref name="offset"/> + i of
    /// <paramref name="states"/>' text (parse the whole corpus: a held-out tail can start inside a code fence).
    /// </summary>
    public static LossByContext Measure(CharacterReading reading, MarkdownStates states, int offset, int minimumCount = DefaultMinimumCount)
    {
        if (offset < 0 || offset + reading.Text.Length > states.Length
            || !states.Text.AsSpan(offset, reading.Text.Length).SequenceEqual(reading.Text))
            throw new LabException("The read text is not the part of the parsed text at that offset.");
        var losses = reading.Scores.Select(s => s.Surprisal).ToArray();
        var groups = new List<ContextLoss>();
        var inConstruct = new bool[losses.Length];
        foreach (var state in Constructs)
        {
            var mask = states.Mask(state);
            var members = Enumerable.Range(0, losses.Length).Where(i => mask[offset + i]).ToList();
            foreach (int i in members) inConstruct[i] = true;
            groups.Add(Group(MarkdownStates.Name(state), members.Select(i => losses[i]), minimumCount));
        }
        groups.Add(Group(Prose, Enumerable.Range(0, losses.Length).Where(i => !inConstruct[i]).Select(i => losses[i]), minimumCount));

        // A word's first letter is the first letter after a non-letter in the whole text, the context included.
        string whole = states.Text;
        bool IsFirst(int i) => Words.IsWordChar(whole[offset + i]) && (offset + i == 0 || !Words.IsWordChar(whole[offset + i - 1]));
        var first = Enumerable.Range(0, losses.Length).Where(IsFirst).Select(i => losses[i]);
        var later = Enumerable.Range(0, losses.Length).Where(i => Words.IsWordChar(whole[offset + i]) && !IsFirst(i)).Select(i => losses[i]);
        var other = Enumerable.Range(0, losses.Length).Where(i => !Words.IsWordChar(whole[offset + i])).Select(i => losses[i]);
        var positions = new List<ContextLoss>
        {
            Group("first letter of a word", first, minimumCount),
            Group("later letters of a word", later, minimumCount),
            Group("not a letter", other, minimumCount),
        };
        return new LossByContext(groups, positions, losses.Length == 0 ? double.NaN : losses.Average(), minimumCount);
    }

    /// <summary>
    /// Reads the validation tail of <paramref name="corpusText"/> as the trainer splits it (read alone from the zero state,
    /// its first character as context, as the evaluator does) and groups the losses.
    /// </summary>
    public static LossByContext OnValidation(CharLstm model, Vocabulary vocabulary, string corpusText, double validationFraction,
        int minimumCount = DefaultMinimumCount)
    {
        var split = TextSplit.Create(vocabulary.Encode(corpusText), validationFraction);
        if (split.Validation.Length < 2) throw new LabException("The validation text is too short to read; raise the validation fraction.");
        var reading = CharacterReader.Read(model, vocabulary, corpusText[split.Train.Length..]);
        return Measure(reading, MarkdownStates.Parse(corpusText), split.Train.Length + 1, minimumCount);
    }

    /// <summary>The ranked contexts, highest loss first.</summary>
    public IReadOnlyList<ContextLoss> Ranking => Contexts.Where(c => c.Ranked).OrderByDescending(c => c.MeanLoss).ToList();

    /// <summary>The reading in one or two sentences, computed from the groups: where the loss is highest and lowest, against prose.</summary>
    public string Reading()
    {
        var ranked = Ranking;
        var prose = Contexts.Single(c => c.Name == Prose);
        string Of(ContextLoss c) => $"{c.Name}: {F(c.MeanLoss)} nats per character ({c.Characters:N0} characters)";
        string text = ranked.Count switch
        {
            0 => $"No context has {MinimumCount} characters or more, so none is ranked.",
            1 => $"Only one context has {MinimumCount} characters or more: {Of(ranked[0])}.",
            _ => $"Highest in {Of(ranked[0])}; lowest in {Of(ranked[^1])}" +
                 (prose.Ranked && ranked[0] != prose && ranked[^1] != prose ? $"; prose {F(prose.MeanLoss)}." : "."),
        };
        var skipped = Contexts.Where(c => !c.Ranked && c.Characters > 0).Select(c => $"{c.Name} ({c.Characters})").ToList();
        if (skipped.Count > 0) text += $" Too few characters to rank: {string.Join(", ", skipped)}.";
        var (firstLetter, laterLetters) = (WordPositions[0], WordPositions[1]);
        if (firstLetter.Ranked && laterLetters.Ranked)
            text += $" A word's first letter costs {F(firstLetter.MeanLoss)} nats, its later letters {F(laterLetters.MeanLoss)}" +
                    (firstLetter.MeanLoss > laterLetters.MeanLoss
                        ? ": choosing the word is harder than spelling it."
                        : ": spelling costs more than starting.");
        return text;
    }

    static string F(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

    static ContextLoss Group(string name, IEnumerable<double> losses, int minimumCount)
    {
        var list = losses.ToList();
        return new ContextLoss(name, list.Count, list.Count == 0 ? double.NaN : list.Average(), list.Count >= minimumCount);
    }
}
