using CharLstmLab.Workbook;

namespace CharLstmLab.Notebooks.Tests;

/// <summary>
/// Notebook 07 runs top to bottom after a learner edits its Settings cell: each exercise's edit that
/// changes what the table can measure, and a few others, injected after the settings cell. Models are
/// shrunk so every variant trains in seconds; the cells must hold for any sensible values, not these.
/// </summary>
public class SettingsVariants07Tests(ITestOutputHelper output)
{
    const string Claims = "07-the-claims.ipynb";
    const string Small = "settings = settings with { Seeds = [1, 2], Article = settings.Article with { HiddenSize = 16, EmbeddingSize = 8 }, " +
                         "Decoding = settings.Decoding with { HiddenSize = 16, EmbeddingSize = 8, Iterations = 3 } };";

    public static TheoryData<string, string> Variants() => new()
    {
        { "one training seed: no interval, no chart", Small + " settings = settings with { Seeds = [1] };" },
        { "exercise 2: other seeds", Small + " settings = settings with { Seeds = [4, 5, 6] };" },
        { "exercise 4: the article's run stops at 60", Small + " settings = settings with { Article = settings.Article with { Iterations = 60 } };" },
        { "exercise 5: drift over 40 steps", Small + " settings = settings with { DriftSteps = 40 };" },
        { "a decoding prompt the corpus cannot spell, one run at a time", Small + " settings = settings with { DecodingPrompt = \"€\", Threads = 1 };" },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public Task The_notebook_runs_top_to_bottom_after_the_edit(string variant, string code) =>
        Notebooks.RunEdited(Claims, variant, code, output);
}
