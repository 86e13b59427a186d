using System.Diagnostics;
using CharLstmLab.Training;

namespace CharLstmLab.Cli;

/// <summary>
/// On a terminal: one live line (iteration, window, loss, ETA) rewritten in place, plus one line
/// per finished iteration. Redirected: only the per-iteration lines, so logs stay clean.
/// </summary>
sealed class ProgressLine(int iterations) : IDisposable
{
    readonly bool live = !Console.IsOutputRedirected;
    readonly Stopwatch clock = Stopwatch.StartNew();
    readonly Stopwatch sinceDraw = Stopwatch.StartNew();
    int firstIteration = -1;
    bool dirty;

    public void Step(StepReport s)
    {
        if (firstIteration < 0) firstIteration = s.Iteration;
        if (!live || sinceDraw.ElapsedMilliseconds < 100) return;
        sinceDraw.Restart();
        double done = (s.Iteration - firstIteration) + (s.Window + 1.0) / s.WindowCount;
        double total = iterations - firstIteration + 1;
        var eta = TimeSpan.FromSeconds(clock.Elapsed.TotalSeconds / done * (total - done));
        int width = 24, filled = (int)(width * done / total);
        Console.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] iteration {s.Iteration}/{iterations} window " +
            $"{s.Window + 1}/{s.WindowCount} loss {s.Loss,8:F3} ETA {eta:m\\:ss}   ");
        dirty = true;
    }

    public void Iteration(IterationLog e)
    {
        Clear();
        string val = e.ValMeanCe is { } v ? $"{v:F3}" : "-";
        Console.WriteLine($"iteration {e.Iteration,4}  loss {e.Loss,9:F3}  ce/char {e.MeanCe:F3}  ppl {e.Perplexity,7:F2}  bpc {e.Bpc:F3}  val ce " +
            $"{val}  |g| {e.GradNorm,8:F3}  lr {e.LearningRate:G4}  {e.Seconds,7:F1}s");
        if (e.Sample is not null) Console.WriteLine("  sample: " + e.Sample.Replace("\n", "\\n"));
    }

    void Clear()
    {
        if (!dirty) return;
        Console.Write("\r" + new string(' ', Console.WindowWidth > 1 ? Console.WindowWidth - 1 : 100) + "\r");
        dirty = false;
    }

    public void Dispose() => Clear();
}
