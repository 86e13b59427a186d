using CharLstmLab.Diagnostics;
using CharLstmLab.Inspection;
using CharLstmLab.Model;
using CharLstmLab.Text;
using CharLstmLab.Training;

namespace CharLstmLab.Tests.Inspection;

public class CharacterReaderTests
{
    static readonly CharLstm Model = CharLstm.Create(new ModelShape(Vocabulary.FromText(TestData.Corpus.Text).Size, 8, 16, 2), seed: 4);
    static Vocabulary Vocabulary => Vocabulary.FromText(TestData.Corpus.Text);

    [Fact]
    public void Probabilities_equal_the_steppers_step_by_step_and_sum_to_one()
    {
        string text = TestData.Corpus.Text[..120];
        var reading = CharacterReader.Read(Model, Vocabulary, text, prompt: "# ");
        Assert.Equal("# ", reading.Context);
        Assert.Equal(text.Length, reading.Scores.Count);

        var stepper = new Stepper(Model);
        var logits = new float[Vocabulary.Size];
        var probs = new float[Vocabulary.Size];
        foreach (int id in Vocabulary.Encode("# ")) stepper.Step(id, logits);
        var ids = Vocabulary.Encode(text);
        for (int i = 0; i < ids.Length; i++)
        {
            double surprisal = Softmax.CrossEntropy(logits, probs, ids[i]);
            var score = reading.Scores[i];
            Assert.Equal(probs[ids[i]], score.Probability); // bit for bit
            Assert.Equal(surprisal, score.Surprisal);
            Assert.Equal(5, score.Top.Count);
            Assert.Equal(probs.Max(), score.Top[0].Probability);
            Assert.True(score.Top.Zip(score.Top.Skip(1)).All(p => p.First.Probability >= p.Second.Probability));
            Assert.Equal(1.0, probs.Sum(p => (double)p), 5);
            stepper.Step(ids[i], logits);
        }
    }

    [Fact]
    public void Without_a_prompt_the_first_character_is_context_and_the_mean_is_the_evaluators_loss()
    {
        string text = TestData.Corpus.Text[..200];
        var reading = CharacterReader.Read(Model, Vocabulary, text);
        Assert.Equal(text[..1], reading.Context);
        Assert.Equal(text[1..], reading.Text);
        Assert.Equal(Evaluator.MeanCrossEntropy(Model, Vocabulary.Encode(text)), reading.MeanSurprisal, 9);
    }

    [Fact]
    public void An_invented_word_departs_where_its_prefix_leaves_every_corpus_word()
    {
        var corpus = new CorpusIndex("the model reads the markdown text. Complete notes.");
        var vocabulary = Vocabulary.FromText("the model reads the markdown text. Complete notes.xzq ");
        var model = CharLstm.Create(new ModelShape(vocabulary.Size, 4, 8, 1), seed: 1);
        // "modxl" leaves at 'x' (mod- begins "model"); "Compl" begins "Complete" and leaves by ending; "the" and "text" are corpus words.
        var reading = CharacterReader.Read(model, vocabulary, "the modxl text Compl reads", prompt: " ", corpus: corpus,
            dictionary: new WordList(["reads"]));
        Assert.Collection(reading.Departures,
            d => { Assert.Equal("modxl", d.Word); Assert.Equal(4, d.WordStart); Assert.Equal(7, d.Position); Assert.False(d.EndedEarly); },
            d => { Assert.Equal("Compl", d.Word); Assert.Equal(20, d.Position); Assert.True(d.EndedEarly); Assert.Equal(' ', d.Score.Character); });
        Assert.Equal('x', reading.Departures[0].Score.Character);
        Assert.Equal(reading.Scores[7], reading.Departures[0].Score);
    }

    [Fact]
    public void A_real_word_the_corpus_lacks_and_a_word_cut_off_at_the_end_have_no_departure()
    {
        var corpus = new CorpusIndex("the model reads");
        var vocabulary = Vocabulary.FromText("the model reads shower xq");
        var model = CharLstm.Create(new ModelShape(vocabulary.Size, 4, 8, 1), seed: 1);
        var reading = CharacterReader.Read(model, vocabulary, "the shower xq", prompt: " ", corpus: corpus, dictionary: new WordList(["shower"]));
        Assert.Empty(reading.Departures);
    }

    [Fact]
    public void Loss_by_context_puts_each_character_in_its_markdown_groups_and_counts_word_positions()
    {
        string text = "# Title here\n\nSome prose with a [link](http://example.com/x) and `code`.\n\n- item one\n- item two\n";
        var vocabulary = Vocabulary.FromText(text);
        var model = CharLstm.Create(new ModelShape(vocabulary.Size, 4, 8, 1), seed: 2);
        var reading = CharacterReader.Read(model, vocabulary, text);
        var result = LossByContext.Measure(reading, MarkdownStates.Parse(text), 1, minimumCount: 5);
        var url = result.Contexts.Single(c => c.Name == "URL");
        Assert.Equal("http://example.com/x".Length, url.Characters);
        double expected = Enumerable.Range(0, reading.Text.Length).Where(i => text.IndexOf("http", StringComparison.Ordinal) <= i + 1
            && i + 1 < text.IndexOf("http", StringComparison.Ordinal) + url.Characters).Average(i => reading.Scores[i].Surprisal);
        Assert.Equal(expected, url.MeanLoss, 12);
        Assert.True(url.Ranked);
        Assert.False(result.Contexts.Single(c => c.Name == "table").Ranked);
        Assert.Equal(reading.Text.Length, result.WordPositions.Sum(p => p.Characters));
        Assert.Equal(reading.MeanSurprisal, result.Overall, 12);
        Assert.Contains("Highest in", result.Reading());
        Assert.Throws<LabException>(() => LossByContext.Measure(reading, MarkdownStates.Parse(text), 0));
    }
}
