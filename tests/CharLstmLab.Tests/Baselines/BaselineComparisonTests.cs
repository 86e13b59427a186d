using CharLstmLab.Baselines;
using CharLstmLab.Reproduction;
using CharLstmLab.Text;
using CharLstmLab.Training;

namespace CharLstmLab.Tests.Baselines;

public class BaselineComparisonTests
{
    static IterationLog Entry(int iteration, double? val) => new(iteration, 25, 1, Math.E, 1.44, val, 1, 1, 0.1, 0, 25, null);

    [Fact]
    public void The_chart_baselines_are_the_unigram_the_five_gram_and_brotli_of_the_same_split()
    {
        var vocabulary = Vocabulary.FromText(TestData.Corpus.Text);
        var split = TextSplit.Create(vocabulary.Encode(TestData.Corpus.Text), 0.2);
        var picked = BaselineComparison.ForCharts(split, vocabulary);
        Assert.Equal([BaselineComparison.Unigram, BaselineComparison.FiveGram, BaselineComparison.Brotli], picked.Select(b => b.Name));
        var all = BaselineSuite.Measure(split.Train, split.Validation, vocabulary);
        foreach (var b in picked) Assert.Equal(all.Single(a => a.Name == b.Name).MeanCrossEntropy, b.MeanCrossEntropy);
        Assert.Empty(BaselineComparison.ForCharts(TextSplit.Create(vocabulary.Encode(TestData.Corpus.Text), 0), vocabulary));
    }

    [Fact]
    public void The_sentence_reads_the_best_validation_iteration_against_the_five_gram()
    {
        BaselineScore[] baselines = [new(BaselineComparison.FiveGram, 1.7)];
        string worse = BaselineComparison.Sentence([Entry(1, 2.5), Entry(2, 2.1), Entry(3, 2.3)], baselines);
        Assert.Contains("2.100 nats per character at iteration 2, does NOT beat the KN 5-gram (1.700): it is 0.400 nats per character worse", worse);
        string better = BaselineComparison.Sentence([Entry(1, 1.6)], baselines);
        Assert.Contains("beats the KN 5-gram (1.700) by 0.100", better);
        Assert.Contains("no validation loss", BaselineComparison.Sentence([Entry(1, null)], baselines));
        Assert.Contains("no validation loss", BaselineComparison.Sentence([Entry(1, 2.0)], []));
    }

    [Fact]
    public void The_ngram_challenge_table_does_not_depend_on_the_thread_count_and_reads_each_variant_against_its_corpus()
    {
        var tiny = new TrainingSettings { HiddenSize = 12, EmbeddingSize = 4, SeqLength = 10, BatchSize = 2, Iterations = 3, SampleEvery = 0, ValidationFraction = 0.2 };
        var settings = new NgramChallengeSettings
        {
            Seeds = [1, 2],
            Variants = [new("small", ChallengeCorpus.Small, tiny), new("other", ChallengeCorpus.Large, tiny with { Layers = 2 })],
        };
        var large = Corpus.FromText(string.Concat(Enumerable.Repeat(TestData.Markdown + "\nMore text, other words.\n", 3)));
        var one = NgramChallenge.Run(TestData.Corpus, large, settings with { Threads = 1 });
        var two = NgramChallenge.Run(TestData.Corpus, large, settings with { Threads = 2 });
        Assert.Equal(NgramChallenge.ToMarkdown(one), NgramChallenge.ToMarkdown(two));
        Assert.Equal(2, one.Count);
        Assert.NotEqual(one[0].FiveGram, one[1].FiveGram); // each corpus fits its own 5-gram
        foreach (var row in one)
        {
            Assert.Equal(2, row.BestIterations.Count);
            Assert.True(row.Best.Mean <= row.Last.Mean);
            Assert.Equal(row.Best.Mean - row.FiveGram, row.BestMinusFiveGram.Mean, 12);
        }
        Assert.Contains("| small |", NgramChallenge.ToMarkdown(one));
        Assert.Contains("KN 5-gram", NgramChallenge.Reading(one));
        Assert.Throws<LabException>(() => NgramChallenge.Run(TestData.Corpus, large, settings with { Variants = [settings.Variants[0], settings.Variants[0]] }));
    }
}
