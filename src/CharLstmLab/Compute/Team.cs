using System.Runtime.CompilerServices;

namespace CharLstmLab.Compute;

/// <summary>
/// A persistent team of worker threads (OpenMP's parallel region, llm.c style): <see cref="Run"/>
/// wakes the workers, the caller takes share 0, and it returns when every share is done. Work
/// inside may meet at <see cref="Sync"/> (a spinning barrier), which is how one LSTM time step
/// is split across threads with one meeting per step instead of a task launch per product.
/// Starting a region costs a wake-up, no allocation. Only one region runs at a time; a caller
/// that finds the team busy (another thread's region, or a nested call) runs the work alone as
/// share 0 of 1, which gives the same numbers because every kernel's results are independent
/// of how the work is split.
/// <para>
/// The team is the one process-wide resource of the library, like the thread pool: its workers
/// are threads, not settings. How many of them a piece of work uses is the caller's
/// <see cref="ComputeContext"/>, passed in; nothing here remembers a thread count between runs.
/// </para>
/// </summary>
public static class Team
{
    static readonly object startLock = new();
    static Worker[] workers = [];
    static int busy;
    static ITeamWork? job;
    static int jobThreads, remaining;
    // The barrier: arrivals count up; the last one flips the sense and releases the others.
    static int arrived, sense;
    [ThreadStatic] static int localSense;
    static Exception? failure;

    /// <summary>Runs <paramref name="work"/> on <paramref name="threads"/> threads (the caller is thread 0) and waits for all of them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(ITeamWork work, int threads)
    {
        if (threads <= 1 || Interlocked.CompareExchange(ref busy, 1, 0) != 0)
        {
            work.Run(0, 1);
            return;
        }
        try
        {
            EnsureWorkers(threads - 1);
            job = work;
            jobThreads = threads;
            arrived = 0;
            localSense = sense;
            Volatile.Write(ref remaining, threads - 1);
            for (int w = 0; w < threads - 1; w++) workers[w].Start(w + 1);
            work.Run(0, threads);
            var spin = new SpinWait();
            while (Volatile.Read(ref remaining) > 0) spin.SpinOnce(sleep1Threshold: -1);
            if (failure is { } e) { failure = null; throw new InvalidOperationException("A kernel worker thread failed.", e); }
        }
        finally
        {
            job = null;
            Volatile.Write(ref busy, 0);
        }
    }

    /// <summary>
    /// Waits until every thread of the running region has reached this call. Call it from inside
    /// <see cref="ITeamWork.Run"/> with the <c>threads</c> it was given, the same number of times on every thread.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sync(int threads)
    {
        if (threads <= 1) return;
        int mySense = localSense ^= 1;
        if (Interlocked.Increment(ref arrived) == threads)
        {
            arrived = 0;
            Volatile.Write(ref sense, mySense);
            return;
        }
        var spin = new SpinWait();
        while (Volatile.Read(ref sense) != mySense) spin.SpinOnce(sleep1Threshold: -1);
    }

    static void EnsureWorkers(int count)
    {
        if (workers.Length >= count) return;
        lock (startLock)
        {
            var grown = new Worker[count];
            workers.CopyTo(grown, 0);
            for (int w = workers.Length; w < count; w++) grown[w] = new Worker();
            workers = grown;
        }
    }

    sealed class Worker
    {
        readonly SemaphoreSlim wake = new(0);
        int index;

        public Worker()
        {
            new Thread(Loop) { IsBackground = true, Name = "CharLstmLab kernel worker" }.Start();
        }

        public void Start(int thread)
        {
            index = thread;
            wake.Release();
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Loop()
        {
            while (true)
            {
                wake.Wait();
                localSense = sense;
                try { job!.Run(index, jobThreads); }
                catch (Exception e) { failure = e; }
                finally { Interlocked.Decrement(ref remaining); }
            }
        }
    }
}
