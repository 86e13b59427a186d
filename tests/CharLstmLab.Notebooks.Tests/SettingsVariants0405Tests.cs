using CharLstmLab.Workbook;

namespace CharLstmLab.Notebooks.Tests;

/// <summary>
/// Notebooks 04 and 05 run top to bottom after a learner edits their Settings cell: each exercise's
/// edit and a handful of others, injected after the settings cell as papermill would. Variants keep
/// training short so the suite stays fast; the code must hold for any sensible values, not these.
/// </summary>
public class SettingsVariants0405Tests(ITestOutputHelper output)
{
    const string Sampling = "04-greedy-vs-temperature.ipynb";
    const string WarmUp = "05-warm-up-and-memorization.ipynb";
    // Few iterations, one pass over the large corpus: the sections still run, in seconds.
    const string Short04 = "settings = settings with { Iterations = 3 };";
    const string Short05 = "settings = settings with { Iterations = 5 }; largeIterations = 1;";

    public static TheoryData<string, string, string> Variants() => new()
    {
        { Sampling, "exercise 1: cold prompt", Short04 + " prompt = \"#\";" },
        { Sampling, "exercise 1: a long line from the guide", Short04 + " prompt = \"## Logging a walk\\n\\nA walk is a list of what you saw and heard, with a time and a place for each. \";" },
        { Sampling, "exercise 2: temperatures without 0.8", Short04 + " temperatures = [2.0, 3.0];" },
        { Sampling, "exercise 5: 90 iterations (one training seed)", "settings = settings with { Iterations = 90 }; trainingSeeds = [];" },
        { Sampling, "exercise 6: a weaker model", "settings = settings with { Iterations = 5 };" },
        { Sampling, "one iteration: blank or looping greedy text", "settings = settings with { Iterations = 1 };" },
        { Sampling, "one sampling seed, other training seeds", Short04 + " seeds = [7]; trainingSeeds = [4, 5];" },
        { Sampling, "short samples, forcing at the start, one checkpoint", Short04 + " sampleLength = 12; forceAt = [0, 3]; snowballHorizon = 5; checkpoints = 1;" },
        { Sampling, "top-k above V, top-p of 1", Short04 + " topK = 500; topP = 1.0;" },
        { Sampling, "no validation split", "settings = settings with { Iterations = 3, ValidationFraction = 0 };" },
        { Sampling, "beam width 1: beam search is greedy", Short04 + " beamWidth = 1;" },
        { Sampling, "a wide beam on short samples", Short04 + " beamWidth = 12; sampleLength = 30;" },
        { Sampling, "three-character samples: no word is judged, so no invented word", Short04 + " sampleLength = 3;" },

        { WarmUp, "five iterations (the stock-kernel test's edit)", "settings = settings with { Iterations = 5 };" },
        { WarmUp, "exercise 2: greedy sampler", Short05 + " sampler = new SamplerSettings(SamplerKind.Greedy);" },
        { WarmUp, "exercise 3: a warm-up far from bird counting", Short05 + " warmNotInCorpus = \"# Pancakes\\n\\nMix the flour with the milk and the eggs, then let it rest. \";" },
        { WarmUp, "exercise 5: stop at the lowest validation loss", "settings = settings with { Iterations = 24 }; largeIterations = 1;" },
        { WarmUp, "one sampling seed, one training seed", Short05 + " seeds = [3]; trainingSeeds = [];" },
        { WarmUp, "short samples, long drift window", Short05 + " sampleLength = 20; driftSteps = 50;" },
        { WarmUp, "a heading not in the corpus, a long warm-up", Short05 + " warmFromCorpusAt = \"## No such heading\"; warmLength = 100000;" },
        { WarmUp, "the sampled iteration after the end", "settings = settings with { Iterations = 8 }; articleIteration = 10; largeIterations = 1;" },
        { WarmUp, "no validation split: no baselines, no held-out text to read", Short05 + " settings = settings with { ValidationFraction = 0 };" },
        { WarmUp, "a tiny held-out tail: every context too small to rank", Short05 + " settings = settings with { ValidationFraction = 0.002 };" },
        { WarmUp, "top-p sampler, one iteration", "settings = settings with { Iterations = 1 }; largeIterations = 1; sampler = new SamplerSettings(SamplerKind.TopP, TopP: 0.5);" },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public Task The_notebook_runs_top_to_bottom_after_the_edit(string notebook, string variant, string code) =>
        Notebooks.RunEdited(notebook, variant, code, output);
}
