using System.Runtime.CompilerServices;

namespace CharLstmLab.Compute;

public static partial class Kernels
{
    /// <summary>
    /// Runs one kernel's work, a struct that knows its share for thread t of n, on
    /// <paramref name="compute"/>'s threads when it is worth a wake-up, else on the caller's thread
    /// as share 0 of 1. Each kind of work gets one holder per calling thread, made once: no
    /// allocation per call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Share<TWork>(in TWork work, ComputeContext? compute, bool worthThreads) where TWork : struct, ITeamWork
    {
        int threads = compute?.Threads ?? 1;
        if (threads <= 1 || !worthThreads) { work.Run(0, 1); return; }
        var holder = Holder<TWork>.OfThisThread ??= new Holder<TWork>();
        holder.Work = work;
        Team.Run(holder, threads);
    }

    sealed class Holder<TWork> : ITeamWork where TWork : struct, ITeamWork
    {
        [ThreadStatic] public static Holder<TWork>? OfThisThread;
        public TWork Work;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int thread, int threads) => Work.Run(thread, threads);
    }

    /// <summary>
    /// Thread t's columns of n when threads split them by whole cache lines (16 floats), so no two
    /// threads write the same line: its first column and how many.
    /// </summary>
    internal static (int Start, int Width) LineShare(int n, int thread, int threads)
    {
        int per = ((n + threads - 1) / threads + 15) / 16 * 16, start = Math.Min(n, thread * per);
        return (start, Math.Min(n, start + per) - start);
    }
}
