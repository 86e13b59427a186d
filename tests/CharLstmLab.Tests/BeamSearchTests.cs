using CharLstmLab.Model;
using CharLstmLab.Sampling;
using CharLstmLab.Text;
using CharLstmLab.Training;

namespace CharLstmLab.Tests;

public class BeamSearchTests
{
    [Fact]
    public void Width_one_is_greedy_exactly_on_trained_and_untrained_models()
    {
        var settings = new TrainingSettings { HiddenSize = 24, EmbeddingSize = 8, SeqLength = 10, BatchSize = 4, Iterations = 3 };
        var trainer = new Trainer(TestData.Corpus, settings);
        trainer.Run();
        var fresh = CharLstm.Create(new ModelShape(trainer.Vocabulary.Size, 8, 24, 2), seed: 9);
        foreach (var model in new[] { trainer.Model, fresh })
        {
            var greedy = new TextGenerator(model, trainer.Vocabulary).Generate("# Notes", 60, new GreedySampler(), new Random(1));
            var beam = BeamSearch.Generate(model, trainer.Vocabulary, "# Notes", 60, width: 1);
            Assert.Equal(greedy.Text, beam.Text);
            Assert.Equal(60, beam.Text.Length);
            Assert.True(beam.LogProbability < 0);
        }
    }

    [Fact]
    public void Width_two_finds_a_more_probable_sequence_than_greedy_when_the_best_first_step_leads_nowhere()
    {
        // After nothing: a 0.6, b 0.4. After a: a 0.34, b 0.33, c 0.33 (flat). After b: b 0.9.
        // Greedy takes "a" then "a": 0.6 * 0.34 = 0.204. The best two-character sequence is "bb": 0.4 * 0.9 = 0.36.
        double[] Next(string prefix) => (prefix switch
        {
            "" => new[] { 0.6, 0.4, 0.0 },
            "a" => [0.34, 0.33, 0.33],
            "b" => [0.05, 0.9, 0.05],
            _ => [1 / 3.0, 1 / 3.0, 1 / 3.0],
        }).Select(p => Math.Log(p)).ToArray();
        string Advance(string prefix, int id) => prefix + "abc"[id];

        var (greedy, greedyLp) = BeamSearch.Decode("", Next, Advance, 2, width: 1);
        var (beam, beamLp) = BeamSearch.Decode("", Next, Advance, 2, width: 2);
        Assert.Equal([0, 0], greedy);
        Assert.Equal(Math.Log(0.6 * 0.34), greedyLp, 12);
        Assert.Equal([1, 1], beam);
        Assert.Equal(Math.Log(0.4 * 0.9), beamLp, 12);
    }

    [Fact]
    public void Ties_go_to_the_lower_id_and_a_zero_width_is_refused()
    {
        double[] Flat(int _) => [Math.Log(0.5), Math.Log(0.5)];
        var (ids, _) = BeamSearch.Decode(0, Flat, (s, _) => s, 3, width: 3);
        Assert.Equal([0, 0, 0], ids);
        Assert.Throws<LabException>(() => BeamSearch.Decode(0, Flat, (s, _) => s, 3, width: 0));
        Assert.Empty(BeamSearch.Decode(0, Flat, (s, _) => s, 0, width: 2).Ids);
    }
}
