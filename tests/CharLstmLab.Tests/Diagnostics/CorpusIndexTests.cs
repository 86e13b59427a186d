using System.Text;
using CharLstmLab.Diagnostics;

namespace CharLstmLab.Tests.Diagnostics;

public class CorpusIndexTests
{
    const string Kettles = "# Kettles\nThe kettle boils water.\nA kettle sings   \n\nThe kettle clicks off.\n";

    static readonly CorpusIndex Index = new(Kettles);

    [Fact]
    public void Words_are_runs_of_letters()
    {
        Assert.Equal(["A", "good", "kettle", "don", "t", "boil", "x"], Words.In("A **good** kettle-don't boil2x!"));
        Assert.Empty(Words.In("42 -- ```"));
    }

    [Fact]
    public void Words_are_found_ignoring_case()
    {
        Assert.True(Index.ContainsWord("kettles"));
        Assert.True(Index.ContainsWord("KETTLE"));
        Assert.False(Index.ContainsWord("kettl"));
        Assert.Equal(9, Index.WordCount); // kettles the kettle boils water a sings clicks off
    }

    [Fact]
    public void Lines_match_whole_lines_ignoring_trailing_whitespace()
    {
        Assert.True(Index.ContainsLine("The kettle boils water."));
        Assert.True(Index.ContainsLine("A kettle sings"));
        Assert.True(Index.ContainsLine("A kettle sings \t"));
        Assert.False(Index.ContainsLine("The kettle boils"));
        Assert.False(Index.ContainsLine(" The kettle boils water."));
    }

    [Fact]
    public void Ngrams_match_anywhere_and_case_sensitively()
    {
        Assert.True(Index.ContainsNgram("water.\nA ket"));
        Assert.True(Index.ContainsNgram("# Kettles\nThe"));
        Assert.True(Index.ContainsNgram("off.\n"));
        Assert.True(Index.ContainsNgram(""));
        Assert.False(Index.ContainsNgram("the kettle boils"));
        Assert.False(Index.ContainsNgram("off.\n\n"));
    }

    [Fact]
    public void Match_lengths_are_the_longest_verbatim_prefix_at_each_position()
    {
        Assert.Equal([5, 4, 3, 2, 1, 0], Index.MatchLengths("boils!"));
        Assert.Equal([], Index.MatchLengths(""));
    }

    [Fact]
    public void Longest_copied_span_reports_its_first_corpus_occurrence_and_line()
    {
        var span = Index.LongestCopiedSpan("Zap! The kettle clicks on.");
        Assert.Equal(new CopiedSpan("The kettle clicks o", 5, 53, 5), span); // " The" never occurs: a newline precedes it
        Assert.Equal(new CopiedSpan("e kettle ", 3, 12, 2), Index.LongestCopiedSpan("QQ e kettle Q"));
        Assert.Null(Index.LongestCopiedSpan("QQQ"));
        Assert.Null(Index.LongestCopiedSpan(""));
    }

    [Fact]
    public void Crlf_is_read_as_lf()
    {
        var index = new CorpusIndex("one line\r\ntwo lines\r\n");
        Assert.True(index.ContainsLine("two lines"));
        Assert.True(index.ContainsNgram("line\ntwo"));
        Assert.Equal(2, index.LineOf(index.Text.IndexOf("two", StringComparison.Ordinal)));
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<LabException>(() => new CorpusIndex(""));
        Assert.Contains("n-gram length", Assert.Throws<LabException>(() => new CorpusIndex("text", 0)).Message);
        Assert.Contains("outside the corpus", Assert.Throws<LabException>(() => Index.LineOf(Kettles.Length)).Message);
        Assert.Equal(1, Index.LineOf(0));
    }

    [Fact]
    public void Lookups_on_a_megabyte_corpus_agree_with_a_plain_search()
    {
        var rng = new Random(42);
        string corpus = MegabyteOfMarkdown(rng);
        var index = new CorpusIndex(corpus);

        for (int q = 0; q < 300; q++)
        {
            int start = rng.Next(corpus.Length - 40), length = rng.Next(1, 40);
            string piece = corpus.Substring(start, length);
            Assert.True(index.ContainsNgram(piece));
            string mutated = piece[..^1] + (char)('a' + rng.Next(26));
            Assert.Equal(corpus.Contains(mutated, StringComparison.Ordinal), index.ContainsNgram(mutated));
        }

        string copied = corpus.Substring(500_000, 300);
        var span = index.LongestCopiedSpan("§§" + copied + "§§");
        int first = corpus.IndexOf(copied, StringComparison.Ordinal);
        Assert.Equal(new CopiedSpan(copied, 2, first, corpus[..first].Count(c => c == '\n') + 1), span);

        string sample = corpus.Substring(123_456, 25) + "zqx" + corpus.Substring(654_321, 20) + "Kettle qua";
        Assert.Equal(NaiveMatchLengths(corpus, sample), index.MatchLengths(sample));
    }

    [Fact]
    public void Highly_repetitive_texts_are_indexed_correctly()
    {
        var rng = new Random(7);
        foreach (string corpus in new[] { new string('a', 500), string.Concat(Enumerable.Repeat("ab", 300)) + "b" }
            .Concat(Enumerable.Range(0, 20).Select(_ => new string(Enumerable.Range(0, rng.Next(1, 200)).Select(_ => "ab"[rng.Next(2)]).ToArray()))))
        {
            var index = new CorpusIndex(corpus);
            string sample = new(Enumerable.Range(0, 60).Select(_ => "aab"[rng.Next(3)]).ToArray());
            Assert.Equal(NaiveMatchLengths(corpus, sample), index.MatchLengths(sample));
        }
    }

    /// <summary>About 1 MB of made-up Markdown with many repeated words and some repeated lines.</summary>
    static string MegabyteOfMarkdown(Random rng)
    {
        string[] syllables = ["ka", "tel", "bo", "il", "wa", "ter", "sin", "gs", "cli", "ck", "of", "f"];
        var lines = new List<string>();
        var text = new StringBuilder();
        while (text.Length < 1_000_000)
        {
            string line = rng.Next(10) == 0 && lines.Count > 0
                ? lines[rng.Next(lines.Count)]
                : (rng.Next(8) == 0 ? "## " : "") + string.Join(' ', Enumerable.Range(0, rng.Next(3, 12))
                    .Select(_ => string.Concat(Enumerable.Range(0, rng.Next(1, 4)).Select(_ => syllables[rng.Next(syllables.Length)]))));
            lines.Add(line);
            text.Append(line).Append('\n');
        }
        return text.ToString();
    }

    static int[] NaiveMatchLengths(string corpus, string sample) =>
        Enumerable.Range(0, sample.Length).Select(i =>
        {
            int length = 0;
            while (i + length < sample.Length && corpus.Contains(sample.AsSpan(i, length + 1), StringComparison.Ordinal)) length++;
            return length;
        }).ToArray();
}
