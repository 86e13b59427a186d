using CharLstmLab.Diagnostics;

namespace CharLstmLab.Tests.Diagnostics;

public class NonsenseWordsTests
{
    static readonly CorpusIndex Index = new("# Forks\n\nFork the repository and open a pull request.\nComplete the final checklist.\n");

    [Fact]
    public void The_articles_forkfnal_and_Compla_are_nonsense()
    {
        var report = NonsenseWords.Measure("Fork the forkfnal repository.\nCompla the final checklist, Compla.\n", Index);
        Assert.Equal(9, report.Words);
        Assert.Equal(3, report.NonsenseCount);
        Assert.Equal(3.0 / 9, report.Rate, 12);
        Assert.Equal(["forkfnal", "Compla"], report.NonsenseWords);
    }

    [Fact]
    public void Nonsense_splits_into_invented_words_and_real_words_the_corpus_never_uses()
    {
        // The article's inventions next to real words the main job's output listed as nonsense.
        var report = NonsenseWords.Measure("Fork the forkfnal seed and Compla shower, noted gas we owe forkfnal.\n", Index);
        Assert.Equal(12, report.Words);
        Assert.Equal(["forkfnal", "Compla"], report.InventedWords);
        Assert.Equal(["seed", "shower", "noted", "gas", "we", "owe"], report.UnseenRealWords);
        Assert.Equal((3, 6, 9), (report.InventedCount, report.UnseenRealCount, report.NonsenseCount));
        Assert.Equal(3.0 / 12, report.InventedRate, 12);
        Assert.Equal(6.0 / 12, report.UnseenRealRate, 12);
        Assert.Equal(report.Rate, report.InventedRate + report.UnseenRealRate, 12);
    }

    [Fact]
    public void The_english_word_list_is_the_shipped_scowl_list_and_ignores_case()
    {
        var english = WordList.English;
        Assert.True(english.Count > 70_000, $"{english.Count} words");
        Assert.True(english.Contains("Shower") && english.Contains("thy") && english.Contains("BLACKS"));
        Assert.False(english.Contains("forkfnal") || english.Contains("Compla") || english.Contains("Aaron's"));
        var custom = NonsenseWords.Measure("Fork the forkfnal shower.", Index, new WordList(["forkfnal"]));
        Assert.Equal(["forkfnal"], custom.UnseenRealWords);
        Assert.Equal(["shower"], custom.InventedWords);
    }

    [Fact]
    public void A_word_cut_off_by_the_sample_length_is_not_judged()
    {
        var cut = NonsenseWords.Measure("Complete the final Compla", Index);
        Assert.Equal((3, 0), (cut.Words, cut.NonsenseCount));
        var judged = NonsenseWords.Measure("Complete the final Compla.", Index);
        Assert.Equal((4, 1), (judged.Words, judged.NonsenseCount));
    }

    [Fact]
    public void Case_does_not_make_a_word_nonsense()
    {
        var report = NonsenseWords.Measure("COMPLETE THE FINAL CHECKLIST!", Index);
        Assert.Equal((4, 0, 0.0), (report.Words, report.NonsenseCount, report.Rate));
    }

    [Fact]
    public void A_sample_without_words_has_rate_zero()
    {
        var report = NonsenseWords.Measure("## --- 42 |", Index);
        Assert.Equal((0, 0, 0.0), (report.Words, report.NonsenseCount, report.Rate));
        Assert.Empty(report.NonsenseWords);
    }
}
