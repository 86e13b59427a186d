using CharLstmLab.Baselines;
using CharLstmLab.Text;

namespace CharLstmLab.Tests.Baselines;

public class BaselineTests
{
    [Fact]
    public void Kneser_ney_probabilities_sum_to_one_over_the_vocabulary_for_every_order_and_random_contexts()
    {
        var vocabulary = Vocabulary.FromText(TestData.Corpus.Text + "Zq"); // Z and q never occur in the training text
        int[] train = vocabulary.Encode(TestData.Corpus.Text);
        var rng = new Random(12);
        for (int n = 1; n <= 8; n++)
        {
            var model = new KneserNeyModel(train, vocabulary.Size, n);
            for (int trial = 0; trial < 60; trial++)
            {
                int length = rng.Next(0, n + 2);
                // Half the contexts come from the training text (seen), half are random ids (mostly unseen).
                int[] context = trial % 2 == 0 && length <= train.Length
                    ? train.AsSpan(rng.Next(0, train.Length - length + 1), length).ToArray()
                    : Enumerable.Range(0, length).Select(_ => rng.Next(vocabulary.Size)).ToArray();
                double sum = 0;
                for (int w = 0; w < vocabulary.Size; w++)
                {
                    double p = model.Probability(context, w);
                    Assert.True(p > 0, $"order {n}: P({w} | {string.Join(",", context)}) = {p}");
                    sum += p;
                }
                Assert.Equal(1.0, sum, 12);
            }
        }
    }

    [Fact]
    public void Fitting_every_order_at_once_gives_the_models_fitted_alone()
    {
        var vocabulary = Vocabulary.FromText(TestData.Corpus.Text);
        int[] train = vocabulary.Encode(TestData.Corpus.Text);
        int[] probe = train[^40..];
        var all = KneserNeyModel.FitAll(train[..^40], vocabulary.Size, 6);
        Assert.Equal([1, 2, 3, 4, 5, 6], all.Select(m => m.Order));
        foreach (var shared in all)
            Assert.Equal(new KneserNeyModel(train[..^40], vocabulary.Size, shared.Order).MeanCrossEntropy(probe), shared.MeanCrossEntropy(probe));
    }

    [Fact]
    public void A_tiny_corpus_gives_the_value_computed_by_hand()
    {
        // Text "abab", V = 3 (a, b, c). Bigram model: order 2 counts ab:2, ba:1; order 1 continuation counts
        // (distinct predecessors, the text start counting as one): a <- {start, b} = 2, b <- {a} = 1.
        // Order 1: n1 = 1 (b), n2 = 1 (a), D1 = 1/3. Order 2: n1 = 1 (ba), n2 = 1 (ab), D2 = 1/3.
        // P1(b) = (1 - 1/3 + 1/3 * 2 * 1/3) / 3 = (2/3 + 2/9) / 3 = 8/27.
        // P2(b | a) = (2 - 1/3 + 1/3 * 1 * 8/27) / 2 = (5/3 + 8/81) / 2 = 143/162.
        var model = new KneserNeyModel([0, 1, 0, 1], 3, 2);
        Assert.Equal(1 / 3.0, model.Discount(1), 12);
        Assert.Equal(1 / 3.0, model.Discount(2), 12);
        Assert.Equal(8 / 27.0, model.Probability([], 1), 12);
        Assert.Equal(143 / 162.0, model.Probability([0], 1), 12);
        // An unseen context (c) backs off to the unigram level.
        Assert.Equal(8 / 27.0, model.Probability([2], 1), 12);
        // Scoring "ab" is -ln P(b | a).
        Assert.Equal(-Math.Log(143 / 162.0), model.MeanCrossEntropy([0, 1]), 12);
    }

    [Fact]
    public void Uniform_is_ln_v_exactly_and_higher_orders_beat_the_unigram_on_repetitive_text()
    {
        var corpus = TestData.Corpus;
        var scores = BaselineSuite.Measure(corpus, 0.25, maxOrder: 4);
        int v = Vocabulary.FromText(corpus.Text).Size;
        Assert.Equal(Math.Log(v), scores.Single(s => s.Name.StartsWith("uniform")).MeanCrossEntropy);
        double unigram = scores.Single(s => s.Name.StartsWith("unigram")).MeanCrossEntropy;
        double fourGram = scores.Single(s => s.Name == "KN 4-gram").MeanCrossEntropy;
        Assert.True(fourGram < unigram / 2, $"4-gram {fourGram:F3} vs unigram {unigram:F3}: the text repeats itself four times");
        Assert.All(scores, s => Assert.True(double.IsFinite(s.MeanCrossEntropy) && s.MeanCrossEntropy >= 0, $"{s.Name}: {s.MeanCrossEntropy}"));
    }

    [Fact]
    public void Compressor_baselines_are_deterministic_and_cheap_for_text_seen_before()
    {
        string train = TestData.Markdown, seen = TestData.Markdown[..200];
        string fresh = "Zebra quartz vexes jumpy wolf; 9 owls fly by 42 huts, mixing 7 dozen kiwi jams.";
        foreach (var compressor in Enum.GetValues<Compressor>())
        {
            double first = CompressorBaseline.BitsPerCharacter(train, seen, compressor);
            Assert.Equal(first, CompressorBaseline.BitsPerCharacter(train, seen, compressor));
            Assert.True(first < CompressorBaseline.BitsPerCharacter(train, fresh, compressor), compressor.ToString());
        }
    }

    [Fact]
    public void Wrong_input_is_refused_with_a_sentence()
    {
        Assert.Throws<LabException>(() => new KneserNeyModel([0, 1], 2, 0));
        Assert.Throws<LabException>(() => new KneserNeyModel([0, 5], 2, 2));
        Assert.Throws<LabException>(() => BaselineSuite.Measure(TestData.Corpus, 0.0));
    }
}
