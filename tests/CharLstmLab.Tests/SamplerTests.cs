using CharLstmLab.Sampling;
using MathNet.Numerics.Distributions;

namespace CharLstmLab.Tests;

public class SamplerTests
{
    static float[] LogitsOf(params double[] probs) => probs.Select(p => (float)Math.Log(p)).ToArray();

    [Fact]
    public void Greedy_returns_the_argmax()
    {
        float[] logits = [0.1f, 2.5f, -1f, 2.4f];
        var probs = new float[4];
        Assert.Equal(1, new GreedySampler().Sample(logits, probs, new Random(1)));
        Assert.Equal(1, Array.IndexOf(probs, probs.Max()));
    }

    [Fact]
    public void Temperature_one_draws_match_the_distribution_within_a_chi_square_bound()
    {
        double[] p = [0.1, 0.6, 0.3];
        var logits = LogitsOf(p);
        var probs = new float[3];
        var counts = new int[3];
        var sampler = new TemperatureSampler(1.0);
        var rng = new Random(2024);
        const int n = 100_000;
        for (int i = 0; i < n; i++) counts[sampler.Sample(logits, probs, rng)]++;
        double chi2 = Enumerable.Range(0, 3).Sum(i => Math.Pow(counts[i] - n * p[i], 2) / (n * p[i]));
        double bound = ChiSquared.InvCDF(2, 0.999);
        Assert.True(chi2 < bound, $"chi-square {chi2:F2} >= {bound:F2}; counts {string.Join(",", counts)}");
        for (int i = 0; i < 3; i++) Assert.Equal(p[i], probs[i], 5);
    }

    [Fact]
    public void Low_temperature_approaches_greedy()
    {
        float[] logits = [1.0f, 1.3f, 0.7f, 1.25f];
        var probs = new float[4];
        var rng = new Random(3);
        var cold = new TemperatureSampler(0.002);
        for (int i = 0; i < 1000; i++) Assert.Equal(1, cold.Sample(logits, probs, rng));
        Assert.True(probs[1] > 0.99f);
        var warm = new TemperatureSampler(1.0);
        warm.Sample(logits, probs, rng);
        Assert.True(probs[1] < 0.5f);
    }

    [Fact]
    public void Top_k_never_leaves_the_top_k()
    {
        var rng = new Random(4);
        float[] logits = Enumerable.Range(0, 30).Select(_ => (float)rng.NextDouble() * 3).ToArray();
        var top = logits.Select((l, i) => (l, i)).OrderByDescending(x => x.l).Take(5).Select(x => x.i).ToHashSet();
        var sampler = new TopKSampler(5, temperature: 2.0);
        var probs = new float[30];
        var seen = new HashSet<int>();
        for (int i = 0; i < 5000; i++) { int s = sampler.Sample(logits, probs, rng); Assert.Contains(s, top); seen.Add(s); }
        Assert.Equal(5, seen.Count);
        Assert.Equal(1.0, probs.Sum(), 4);
    }

    [Fact]
    public void Top_p_never_leaves_the_nucleus()
    {
        double[] p = [0.05, 0.4, 0.02, 0.3, 0.13, 0.1];
        var logits = LogitsOf(p);
        var sampler = new TopPSampler(0.8);
        var probs = new float[p.Length];
        var rng = new Random(5);
        int[] nucleus = [1, 3, 4]; // 0.4 + 0.3 + 0.13 = 0.83 is the first to reach 0.8
        var seen = new HashSet<int>();
        for (int i = 0; i < 5000; i++) { int s = sampler.Sample(logits, probs, rng); Assert.Contains(s, nucleus); seen.Add(s); }
        Assert.Equal(nucleus.Length, seen.Count);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void Temperature_must_be_positive(double t)
    {
        var e = Assert.Throws<LabException>(() => new TemperatureSampler(t));
        Assert.Contains("temperature", e.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(-0.2)]
    public void Top_p_must_be_in_zero_one(double p) => Assert.Throws<LabException>(() => new TopPSampler(p));

    [Fact]
    public void Top_k_must_be_positive() => Assert.Throws<LabException>(() => new TopKSampler(0));
}
