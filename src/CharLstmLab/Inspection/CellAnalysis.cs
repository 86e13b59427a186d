using CharLstmLab.Model;
using CharLstmLab.Text;

namespace CharLstmLab.Inspection;

/// <summary>
/// The whole "what did the cells learn" analysis of one model on one stretch of text: record the
/// cells, name each character's Markdown states, find the best cell per state and for the position
/// in the line, measure gate saturation, and (optionally) clamp each best cell.
/// The Markdown is parsed over the whole <c>text</c>, so a stretch that starts inside a code block
/// is labelled correctly; the model reads only the stretch, from the zero state, as in validation.
/// </summary>
public sealed class CellAnalysis
{
    CellAnalysis(string heldOut, int[] tokens, CellRecording recording, Dictionary<MarkdownState, bool[]> labels, double[] positionInLine,
        IReadOnlyList<StateReport> states, CellFinding? lineCounter, IReadOnlyList<GateSaturation> saturation, double[] losses)
    {
        HeldOut = heldOut;
        Tokens = tokens;
        Recording = recording;
        this.labels = labels;
        PositionInLine = positionInLine;
        States = states;
        LineCounter = lineCounter;
        Saturation = saturation;
        Losses = losses;
    }

    readonly Dictionary<MarkdownState, bool[]> labels;

    public string HeldOut { get; }
    public int[] Tokens { get; }
    public CellRecording Recording { get; }
    public double[] PositionInLine { get; }
    public IReadOnlyList<StateReport> States { get; }
    /// <summary>The best cell for the position in the line (characters since the last newline).</summary>
    public CellFinding? LineCounter { get; }
    public IReadOnlyList<GateSaturation> Saturation { get; }
    /// <summary>The unclamped loss of predicting each next character of the stretch.</summary>
    public double[] Losses { get; }
    public double MeanLoss => Losses.Average();

    /// <summary>Whether each character of the stretch is inside the state.</summary>
    public bool[] Labels(MarkdownState state) => labels[state];

    public StateReport this[MarkdownState state] => States.First(s => s.State == state);

    /// <summary>Analyses text[start .. start + length).</summary>
    public static CellAnalysis Run(CharLstm model, Vocabulary vocabulary, string text, int start, int length, CellAnalysisOptions? options = null)
    {
        options ??= new CellAnalysisOptions();
        if (start < 0 || length < 3 || start + length > text.Length)
            throw new LabException(
                $"The stretch to analyse ({length} characters from {start}) must hold at least three characters of a {text.Length}-character text.");
        if (vocabulary.Size != model.Shape.VocabSize)
            throw new LabException($"The vocabulary has {vocabulary.Size} characters but the model reads {model.Shape.VocabSize}.");

        string heldOut = text.Substring(start, length);
        var tokens = vocabulary.Encode(heldOut);
        var parsed = MarkdownStates.Parse(text);
        var labels = Enum.GetValues<MarkdownState>().ToDictionary(s => s, s => parsed.Mask(s).AsSpan(start, length).ToArray());
        var positions = parsed.PositionInLine.AsSpan(start, length).ToArray().Select(p => (double)p).ToArray();

        var recording = CellRecording.Record(model, tokens, options.MaxFloats);
        var finder = new CellFinder(recording, options.BaselineRuns, options.Seed);
        var losses = CellProbe.Losses(model, tokens);
        var controls = new Random(options.Seed);
        var states = new List<StateReport>();
        foreach (var state in Enum.GetValues<MarkdownState>())
        {
            var finding = finder.Find(MarkdownStates.Name(state), labels[state]);
            ClampEffect? clamp = null, control = null;
            if (finding is not null && options.Clamp)
            {
                clamp = ClampEffect.Measure(model, tokens, labels[state], recording, finding.Best, losses);
                int other = controls.Next(recording.CellCount - 1);
                if (other >= finding.Best.Layer * recording.HiddenSize + finding.Best.Unit) other++; // any cell but the best
                var controlCell = new CellId(other / recording.HiddenSize, other % recording.HiddenSize);
                control = ClampEffect.Measure(model, tokens, labels[state], recording, controlCell, losses);
            }
            states.Add(new StateReport(state, finding, clamp, control));
        }
        var lineCounter = finder.FindCounter("position in line", positions);
        return new CellAnalysis(heldOut, tokens, recording, labels, positions, states, lineCounter, GateSaturation.Measure(recording), losses);
    }

    /// <summary>Analyses the validation tail of <paramref name="text"/> as <see cref="TextSplit"/> cuts it.</summary>
    public static CellAnalysis OnValidation(CharLstm model, Vocabulary vocabulary, string text, double validationFraction,
        CellAnalysisOptions? options = null)
    {
        var split = TextSplit.Create(vocabulary.Encode(text), validationFraction);
        if (split.Validation.Length < 3)
            throw new LabException(
                $"The validation fraction {validationFraction} leaves {split.Validation.Length} held-out characters; the analysis needs at least " +
                    "three.");
        return Run(model, vocabulary, text, split.Train.Length, split.Validation.Length, options);
    }
}
