using CharLstmLab.Workbook;

namespace CharLstmLab.Notebooks.Tests;

/// <summary>
/// Notebooks 01-03 run top to bottom after a learner edits the Settings cell: each exercise's own
/// edit, and edits the defaults never exercise (a short run, one seed, blank samples, a seed outside
/// the seed list, no validation text). The edit is injected right after the <c>settings</c> cell,
/// the way papermill parameterizes a notebook. Runs are shrunk (small H, few iterations) where the
/// exercise allows it: what is tested is that every cell copes, not what it finds.
/// </summary>
public class SettingsVariantTests(ITestOutputHelper output)
{
    const string Small01 = "settings = settings with { HiddenSize = 32, EmbeddingSize = 16 };\n";
    const string Small02 = "freshSeeds = [1, 2];\n";
    const string Small03 = "settings = settings with { HiddenSize = 16, Iterations = 30 }; seeds = [1, 2];\n";

    public static TheoryData<string, string, string> Variants() => new()
    {
        // 01: exercises 1, 2, 4 and 5 (3 edits a cell, not the settings)
        { "01-training", "exercise 1: no clipping, alpha 1.0", Small01 + "settings = settings with { ClipValue = null, LearningRate = 1.0, Iterations = 8 };" },
        { "01-training", "exercise 2: seed 2", Small01 + "settings = settings with { Seed = 2, Iterations = 5 };" },
        { "01-training", "exercise 4: T = 10", Small01 + "settings = settings with { SeqLength = 10, Iterations = 5 };" },
        { "01-training", "exercise 4: T = 50", Small01 + "settings = settings with { SeqLength = 50, Iterations = 5 };" },
        { "01-training", "exercise 5: the large corpus", Small01 + "corpusPath = \"../data/large\"; settings = settings with { Iterations = 1 };" },
        { "01-training", "two streams, no validation, no samples", "settings = settings with { HiddenSize = 8, EmbeddingSize = 4, BatchSize = 2, Iterations = 3, ValidationFraction = 0, SampleEvery = 0 };" },
        { "01-training", "norm clipping, Adagrad", Small01 + "settings = settings with { ClipNorm = 1, Optimizer = OptimizerKind.Adagrad, LearningRate = 0.1, Iterations = 4 };" },

        // 02: exercises 1, 3 and 4 (2 and 5 are pen and paper, or code of the learner's own)
        { "02-the-loss-table", "exercise 1: T = 25", Small02 + "settings = ReproductionSettings.Article with { SeqLength = 25, HiddenSize = 32 }; claimSeeds = [1, 2];" },
        { "02-the-loss-table", "exercise 3: seed 2", Small02 + "settings = ReproductionSettings.Article with { Seed = 2, HiddenSize = 32 }; claimSeeds = [2, 3];" },
        { "02-the-loss-table", "exercise 4: the fixed run", Small02 + "settings = ReproductionSettings.Fixed with { HiddenSize = 16 }; claimSeeds = [1];" },
        { "02-the-loss-table", "20 iterations: blank greedy samples", Small02 + "settings = ReproductionSettings.Article with { Iterations = 20, HiddenSize = 32 };" },
        { "02-the-loss-table", "5 iterations, one seed everywhere", "windowLengths = [14]; freshSeeds = [1]; claimSeeds = [1]; settings = settings with { Iterations = 5, HiddenSize = 16 };" },
        { "02-the-loss-table", "200 iterations", Small02 + "settings = settings with { Iterations = 200, HiddenSize = 16 }; claimSeeds = [1, 2];" },
        { "02-the-loss-table", "a seed outside the claim seeds, no samples", Small02 + "settings = settings with { Seed = 7, Iterations = 12, HiddenSize = 16, SampleEvery = 0 };" },
        { "02-the-loss-table", "no validation text", Small02 + "settings = settings with { ValidationFraction = 0, Iterations = 12, HiddenSize = 16 }; claimSeeds = [1];" },

        // 03: exercises 1-4 (5 is pen and paper)
        { "03-the-rebound", "exercise 1: every rise counts", Small03 + "minRelativeRise = 0;" },
        { "03-the-rebound", "exercise 2: alpha 0.2 clipped at 5, then 0.5", Small03 +
            "extraVariants.Add(new(\"extra\", \"alpha 0.2, clipped at 5\", settings with { LearningRate = 0.2, ClipValue = 5 }));\n" +
            "extraVariants.Add(new(\"extra\", \"alpha 0.2, clipped at 0.5\", settings with { LearningRate = 0.2, ClipValue = 0.5 }));" },
        { "03-the-rebound", "exercise 3: alpha 0.1", Small03 + "extraVariants.Add(new(\"extra\", \"alpha 0.1\", settings with { LearningRate = 0.1 }));" },
        { "03-the-rebound", "exercise 4: norm clip at 12", Small03 + "clipNorm = 12;" },
        { "03-the-rebound", "5 iterations, one seed", "settings = settings with { Iterations = 5, HiddenSize = 16 }; seeds = [1];" },
        { "03-the-rebound", "a seed outside the seed list", "settings = settings with { Seed = 9, Iterations = 20, HiddenSize = 16 }; seeds = [1, 2];" },
        { "03-the-rebound", "T = 25, 120 iterations", "settings = settings with { SeqLength = 25, Iterations = 120, HiddenSize = 16 }; seeds = [1, 2, 3];" },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public Task Every_cell_runs_after_the_settings_are_edited(string notebook, string variant, string code) =>
        Notebooks.RunEdited(notebook + ".ipynb", variant, code, output);
}
