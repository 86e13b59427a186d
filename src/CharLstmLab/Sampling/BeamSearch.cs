using CharLstmLab.Model;
using CharLstmLab.Text;

namespace CharLstmLab.Sampling;

/// <summary>
/// Beam search: keeps the <c>width</c> most probable continuations at every step instead of greedy's one.
/// Length handling: every beam generates exactly <c>length</c> characters (no end symbol exists in
/// character-level Markdown), so all finished beams have the same length and the score is simply the sum of
/// their log probabilities, with no length normalization. Ties in score go to the beam ranked earlier, then to
/// the lower character id, so the result is deterministic, and width 1 is greedy decoding exactly.
/// It uses no randomness.
/// </summary>
public static class BeamSearch
{
    /// <summary>Beam search over an LSTM, warmed up on the prompt as <see cref="TextGenerator"/> does.</summary>
    public static BeamResult Generate(CharLstm model, Vocabulary vocabulary, string prompt, int length, int width)
    {
        if (string.IsNullOrEmpty(prompt)) throw new LabException("The prompt must hold at least one character (for a cold start use \"#\").");
        if (length < 0) throw new LabException($"The sample length must be zero or more, but it is {length}.");
        CheckWidth(width);
        var stepper = new Stepper(model);
        var logits = new float[vocabulary.Size];
        foreach (int id in vocabulary.Encode(prompt)) stepper.Step(id, logits);

        // A beam's state is the LSTM state after its last character and the log probabilities that state gives.
        LstmSnapshot Advance(LstmSnapshot from, int token)
        {
            for (int l = 0; l < from.State.H.Length; l++)
            {
                from.State.H[l].CopyTo(stepper.State.H[l], 0);
                from.State.C[l].CopyTo(stepper.State.C[l], 0);
            }
            stepper.Step(token, logits);
            return new LstmSnapshot(stepper.State.Clone(), LogSoftmax(logits));
        }
        var start = new LstmSnapshot(stepper.State.Clone(), LogSoftmax(logits));
        var (ids, logProbability) = Decode(start, s => s.LogProbabilities, Advance, length, width);
        return new BeamResult(prompt, vocabulary.Decode(ids), logProbability, width);
    }

    /// <summary>
    /// The search itself, over any model: <paramref name="logProbabilities"/> gives ln P(next | state) for every
    /// id, <paramref name="advance"/> the state after one more id. Returns the best sequence and its summed log probability.
    /// </summary>
    public static (int[] Ids, double LogProbability) Decode<TState>(TState start, Func<TState, double[]> logProbabilities,
        Func<TState, int, TState> advance, int length, int width)
    {
        CheckWidth(width);
        var beams = new List<(int[] Ids, double Score, TState State)> { ([], 0.0, start) };
        for (int step = 0; step < length; step++)
        {
            var candidates = new List<(int Beam, int Id, double Score)>();
            for (int b = 0; b < beams.Count; b++)
            {
                double[] lp = logProbabilities(beams[b].State);
                for (int id = 0; id < lp.Length; id++) candidates.Add((b, id, beams[b].Score + lp[id]));
            }
            // A stable sort by score alone keeps (beam rank, id) order among ties.
            var kept = candidates.OrderByDescending(c => c.Score).Take(width);
            bool last = step + 1 == length;
            beams = kept.Select(c => (
                Ids: (int[])[.. beams[c.Beam].Ids, c.Id],
                c.Score,
                // The final characters need no state after them.
                State: last ? beams[c.Beam].State : advance(beams[c.Beam].State, c.Id))).ToList();
        }
        return (beams[0].Ids, beams[0].Score);
    }

    static void CheckWidth(int width)
    {
        if (width < 1) throw new LabException($"The beam width must be 1 or more, but it is {width}.");
    }

    static double[] LogSoftmax(ReadOnlySpan<float> logits)
    {
        double max = double.NegativeInfinity, sum = 0;
        foreach (float z in logits) max = Math.Max(max, z);
        foreach (float z in logits) sum += Math.Exp(z - max);
        double shift = max + Math.Log(sum);
        var result = new double[logits.Length];
        for (int i = 0; i < logits.Length; i++) result[i] = logits[i] - shift;
        return result;
    }

    sealed record LstmSnapshot(LstmState State, double[] LogProbabilities);
}
