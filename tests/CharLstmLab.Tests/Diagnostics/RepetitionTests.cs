using CharLstmLab.Diagnostics;

namespace CharLstmLab.Tests.Diagnostics;

public class RepetitionTests
{
    [Fact]
    public void A_word_loop_covers_the_whole_sample()
    {
        Assert.Equal(new RepetitionReport("the ", 15, 1.0, 4.0 / 6), Repetition.Measure("the the the the"));
    }

    [Fact]
    public void A_loop_after_an_intro_covers_the_tail_including_a_partial_last_repeat()
    {
        const string sample = "# Intro\nthe kettle the kettle the kettle the ket";
        Assert.Equal(new RepetitionReport("the kettle ", 40, 40.0 / 48, 19.0 / 39), Repetition.Measure(sample));
    }

    [Fact]
    public void A_repeated_line_is_a_loop_starting_where_the_period_first_holds()
    {
        string sample = "Intro\n" + string.Concat(Enumerable.Repeat("- fill the kettle\n", 5));
        // The intro's '\n' also fits the period, so the unit is the rotation starting there.
        Assert.Equal(new RepetitionReport("\n- fill the kettle", 91, 91.0 / 96, 23.0 / 87), Repetition.Measure(sample));
    }

    [Fact]
    public void Text_without_a_loop_reports_none()
    {
        Assert.Equal(new RepetitionReport("", 0, 0, 1), Repetition.Measure("Compla forkfnal kettle"));
        Assert.Equal(new RepetitionReport("", 0, 0, 1), Repetition.Measure("a kettle will"));  // "ll" repeats twice, not three times
        Assert.Equal(new RepetitionReport("", 0, 0, 1), Repetition.Measure(""));
    }

    [Fact]
    public void Periods_longer_than_the_limit_are_not_looked_for()
    {
        const string sample = "the kettle the kettle the kettle ";
        Assert.Equal(33, Repetition.Measure(sample, maxPeriod: 11).LoopLength);
        Assert.Equal(0, Repetition.Measure(sample, maxPeriod: 10).LoopLength);
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<LabException>(() => Repetition.Measure("abc", maxPeriod: 0));
        Assert.Throws<LabException>(() => Repetition.Measure("abc", ngramLength: -1));
    }
}
