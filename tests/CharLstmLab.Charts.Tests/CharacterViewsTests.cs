using CharLstmLab.Inspection;

namespace CharLstmLab.Charts.Tests;

public class CharacterViewsTests
{
    static CharacterScore Score(int position, char c, float p) => new(position, c, p, -Math.Log(p), [('e', 0.5f), (c, p), ('<', 0.01f)]);

    static readonly CharacterReading Reading = new("#", "ab<\n",
        [Score(0, 'a', 0.25f), Score(1, 'b', 0.9f), Score(2, '<', 0.01f), Score(3, '\n', 0.5f)],
        [new Departure("ab", 0, 1, false, Score(1, 'b', 0.9f))]);

    [Fact]
    public void Every_character_is_a_span_with_its_top_choices_encoded_and_the_legend_says_what_the_colour_is()
    {
        string html = CharacterViews.Reading(Reading);
        Assert.Equal(4, html.Split("<span title=").Length - 1);
        Assert.Contains("&lt;", html);
        Assert.DoesNotContain("<<", html);
        Assert.Contains("the probability the model gave the character", html);
        Assert.Contains("top: e 0.500, a 0.250, &lt; 0.010", html);
        Assert.Contains("<details>", html);
        Assert.Contains("outline: 2px solid", html);
        Assert.DoesNotContain("<script", html);
        Assert.Contains("the character's surprisal", CharacterViews.Reading(Reading, CharacterColour.Surprisal));
    }

    [Fact]
    public void Colours_run_from_red_at_zero_to_white_at_one_and_from_white_to_blue_with_surprisal()
    {
        Assert.Equal("#d73027", CharacterViews.Background(Score(0, 'a', 0f), CharacterColour.Probability));
        Assert.Equal("#ffffff", CharacterViews.Background(Score(0, 'a', 1f), CharacterColour.Probability));
        Assert.Equal("#ffffff", CharacterViews.Background(Score(0, 'a', 1f), CharacterColour.Surprisal));
        Assert.Equal("#4292c6", CharacterViews.Background(new CharacterScore(0, 'a', 1e-6f, 13.8, [('a', 1f)]), CharacterColour.Surprisal));
    }

    [Fact]
    public void A_page_is_a_whole_document_without_scripts()
    {
        string page = CharacterViews.Page(Reading, "Title <x>", "described");
        Assert.StartsWith("<!DOCTYPE html>", page);
        Assert.Contains("Title &lt;x&gt;", page);
        Assert.DoesNotContain("<script", page);
    }
}
