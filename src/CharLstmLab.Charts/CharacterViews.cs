using System.Globalization;
using System.Net;
using System.Text;
using CharLstmLab.Inspection;

namespace CharLstmLab.Charts;

/// <summary>
/// A text as the model read it (<see cref="CharacterReading"/>), character by character: each background coloured by the
/// probability the model gave the character or by its surprisal (a legend says which), the top alternatives on hover
/// and, for a static page, in a table beneath that opens on request. The invented words are underlined and the
/// character where each left every word of the corpus is boxed, with what the model preferred there listed below.
/// Plain HTML and CSS, no script: it renders offline, in a notebook or as a page.
/// </summary>
public static class CharacterViews
{
    const string Box = "#000";

    /// <summary>An HTML fragment; show it in a cell with <c>display(HTML(...))</c>. At most <paramref name="maxChars"/> scored characters are
    /// drawn.</summary>
    public static string Reading(CharacterReading reading, CharacterColour colour = CharacterColour.Probability, string? caption = null,
        int maxChars = 4000, bool table = true)
    {
        int top = reading.Scores.Count > 0 ? reading.Scores[0].Top.Count : 1;
        int shown = Math.Min(reading.Scores.Count, Math.Max(0, maxChars));
        var boxed = reading.Departures.Where(d => d.Position < shown).ToDictionary(d => d.Position);
        var invented = new bool[shown];
        foreach (var d in reading.Departures)
            for (int i = d.WordStart; i < Math.Min(shown, d.WordStart + d.Word.Length); i++) invented[i] = true;

        var html = new StringBuilder("<div class=\"charlstm-reading\">");
        if (caption is not null) html.Append("<p style=\"margin: 0.3em 0; font-size: 0.85em\">").Append(Encode(caption)).Append("</p>");
        html.Append(Legend(colour, reading.Departures.Count > 0, table));
        html.Append("<pre style=\"white-space: pre-wrap; line-height: 1.6; border-left: 3px solid #ccd; padding: 0.4em 0.6em\">");
        html.Append("<span style=\"color: #888\" title=\"context: fed to the model, not scored\">")
            .Append(Visible(reading.Context)).Append("</span>");
        for (int i = 0; i < shown; i++)
        {
            var s = reading.Scores[i];
            html.Append("<span title=\"").Append(Encode(Tooltip(s))).Append("\" style=\"background: ").Append(Background(s, colour));
            if (invented[i]) html.Append("; text-decoration: underline wavy #c00");
            if (boxed.ContainsKey(i)) html.Append("; outline: 2px solid ").Append(Box);
            html.Append("\">").Append(s.Character == '\n' ? "↵" : Encode(s.Character.ToString())).Append("</span>");
            if (s.Character == '\n') html.Append('\n');
        }
        html.Append("</pre>");
        if (shown < reading.Scores.Count)
            html.Append($"<p style=\"font-size: 0.85em\">The first {shown:N0} of {reading.Scores.Count:N0} scored characters are shown.</p>");
        html.Append(Departures(reading.Departures));
        if (table && shown > 0)
        {
            html.Append("<details><summary style=\"cursor: pointer; font-size: 0.85em\">")
                .Append($"The top {top} alternatives at every character ({shown:N0} rows)</summary>");
            html.Append(Views.Table(["#", "character", "p", "surprisal (nats)", "the model's top choices"],
                reading.Scores.Take(shown).Select(s => (IReadOnlyList<string>)
                    [s.Position.ToString(CultureInfo.InvariantCulture), CharLabels.Of(s.Character), P(s.Probability), F(s.Surprisal), TopList(s)])));
            html.Append("</details>");
        }
        return html.Append("</div>").ToString();
    }

    /// <summary>A whole offline page around <see cref="Reading"/> (what <c>charlstm view</c> writes).</summary>
    public static string Page(CharacterReading reading, string title, string description,
        CharacterColour colour = CharacterColour.Probability) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>{Encode(title)}</title>
        <style>body {"{"} font-family: system-ui, sans-serif; max-width: 1100px; margin: 1em auto; padding: 0 1em {"}"}</style>
        </head>
        <body>
        <h1>{Encode(title)}</h1>
        <p>{Encode(description)}</p>
        {Reading(reading, colour)}
        </body>
        </html>
        """;

    /// <summary>The background of one character: its probability (red to white) or surprisal (white to blue, capped at 5 nats).</summary>
    public static string Background(CharacterScore score, CharacterColour colour)
    {
        if (colour == CharacterColour.Probability) return Mix((215, 48, 39), (255, 255, 255), Math.Clamp(score.Probability, 0, 1));
        return Mix((255, 255, 255), (66, 146, 198), Math.Clamp(score.Surprisal / SurprisalCap, 0, 1)); // light enough to read black text on
    }

    // Uniform guessing over ~80 characters costs ln 80 = 4.4 nats; anything above 5 nats is "very surprised" and drawn alike.
    const double SurprisalCap = 5;

    static string Legend(CharacterColour colour, bool departures, bool table)
    {
        var html = new StringBuilder("<div style=\"font-size: 0.85em; margin: 0.3em 0\">");
        html.Append(colour == CharacterColour.Probability
            ? "Background: the probability the model gave the character before reading it. "
            : "Background: the character's surprisal, −ln p, in nats. ");
        double[] stops = colour == CharacterColour.Probability ? [0, 0.25, 0.5, 0.75, 1] : [0, 1.25, 2.5, 3.75, 5];
        foreach (double v in stops)
        {
            var probe = new CharacterScore(0, ' ', (float)v, v, [(' ', 0f)]);
            string label = colour == CharacterColour.Probability ? $"p = {v:0.##}" : v >= SurprisalCap ? $"≥ {v:0.##} nats" : $"{v:0.##} nats";
            html.Append("<span style=\"display: inline-block; padding: 0 0.5em; border: 1px solid #ccc; background: ")
                .Append(Background(probe, colour)).Append("\">").Append(Encode(label)).Append("</span> ");
        }
        html.Append("Hover a character for the model's top choices").Append(table ? "; the table beneath lists them all." : ".");
        if (departures)
            html.Append(" <span style=\"text-decoration: underline wavy #c00\">Wavy underline</span>: ")
                .Append("an invented word (in neither the corpus nor the dictionary); ")
                .Append("<span style=\"outline: 2px solid ").Append(Box).Append("\">box</span>: where it left every word of the corpus.");
        return html.Append("</div>").ToString();
    }

    static string Departures(IReadOnlyList<Departure> departures)
    {
        if (departures.Count == 0) return "";
        return Views.Table(["invented word", "left the corpus's words at", "p of that character", "the model preferred"],
            departures.Select(d => (IReadOnlyList<string>)
            [
                d.Word,
                d.EndedEarly
                    ? $"its end ('{CharLabels.Of(d.Score.Character)}' after a prefix of corpus words)"
                    : $"'{CharLabels.Of(d.Score.Character)}' (character {d.Position - d.WordStart + 1})",
                P(d.Score.Probability),
                $"'{CharLabels.Of(d.Score.Preferred.Character)}' ({P(d.Score.Preferred.Probability)})",
            ]), "Where each invented word departed, and what the model preferred there");
    }

    static string Tooltip(CharacterScore s) => $"{CharLabels.Of(s.Character)}: p {P(s.Probability)}, {F(s.Surprisal)} nats | top: {TopList(s)}";

    static string TopList(CharacterScore s) => string.Join(", ", s.Top.Select(t => $"{CharLabels.Of(t.Character)} {P(t.Probability)}"));

    static string Mix((int R, int G, int B) from, (int R, int G, int B) to, double t)
    {
        int C(int a, int b) => (int)Math.Round(a + (b - a) * t);
        return $"#{C(from.R, to.R):x2}{C(from.G, to.G):x2}{C(from.B, to.B):x2}";
    }

    static string Visible(string context) => Encode(context.Replace("\n", "↵\n"));

    static string P(float p) => p.ToString(p < 0.001 ? "0.0e0" : "F3", CultureInfo.InvariantCulture);

    static string F(double x) => x.ToString("F2", CultureInfo.InvariantCulture);

    static string Encode(string text) => WebUtility.HtmlEncode(text);
}
