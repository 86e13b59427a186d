using System.Runtime.ExceptionServices;

namespace CharLstmLab.Reproduction;

/// <summary>
/// Runs training jobs side by side, each on its own thread, at most a given number at a time. A small
/// run (B = 16, H = 128) cannot keep two cores busy with one matrix product at a time, so two runs on
/// one kernel thread each finish sooner than the same two runs one after the other on two threads;
/// and a run's numbers do not depend on its thread count, so the results are the same bit for bit.
/// Jobs start strictly in list order: a job may wait for the result of a job earlier in the list
/// (see <see cref="Job{T}"/>), which has then already started on another thread.
/// </summary>
public static class SideBySide
{
    /// <summary>
    /// Runs every job, at most <paramref name="atOnce"/> at a time (0: one per core). When a job fails,
    /// no new job starts, and the failure of the earliest failing job is thrown as it was, not wrapped.
    /// </summary>
    public static void Run(IReadOnlyList<Action> jobs, int atOnce = 0)
    {
        int workers = Math.Min(jobs.Count, atOnce > 0 ? atOnce : Environment.ProcessorCount);
        int next = -1, failed = 0;
        var failures = new Exception?[jobs.Count];
        void Work()
        {
            int i;
            while (Volatile.Read(ref failed) == 0 && (i = Interlocked.Increment(ref next)) < jobs.Count)
            {
                try { jobs[i](); }
                catch (Exception e) { failures[i] = e; Volatile.Write(ref failed, 1); }
            }
        }
        if (workers <= 1) Work();
        else
        {
            var threads = Enumerable.Range(0, workers).Select(_ => new Thread(Work) { IsBackground = true }).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
        }
        if (failures.FirstOrDefault(f => f is not null) is { } first) ExceptionDispatchInfo.Capture(first).Throw();
    }

    /// <summary>
    /// A job that computes a value into <paramref name="result"/>, or its failure, so that a later job
    /// waiting for it (<c>result.Task.Result</c>) fails too instead of waiting for ever.
    /// </summary>
    public static Action Job<T>(TaskCompletionSource<T> result, Func<T> compute) => () =>
    {
        try { result.SetResult(compute()); }
        catch (Exception e) { result.SetException(e); throw; }
    };

    /// <summary>A value a later job can wait for.</summary>
    public static TaskCompletionSource<T> Slot<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The slot's value; when its job failed, that job's exception.</summary>
    public static T Wait<T>(TaskCompletionSource<T> slot) => slot.Task.GetAwaiter().GetResult();
}
