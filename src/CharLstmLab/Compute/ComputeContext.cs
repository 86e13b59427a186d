using System.Runtime.CompilerServices;

namespace CharLstmLab.Compute;

/// <summary>
/// How many threads the numeric work of one owner (a trainer, a window pass, a test) may use.
/// Each owner holds its own context and hands it to every kernel call that can split its work,
/// so two trainers in one notebook cannot change each other's thread count. Results never depend
/// on it: every kernel gives the same bits on one thread or many.
/// </summary>
public sealed record ComputeContext
{
    /// <param name="threads">Threads to use; 0 means one per core.</param>
    public ComputeContext(int threads)
    {
        if (threads < 0) throw new LabException($"The thread count must be zero (all cores) or more, but it is {threads}.");
        Threads = threads == 0 ? Environment.ProcessorCount : threads;
    }

    /// <summary>Threads the work is split over; 1 runs everything on the caller's thread.</summary>
    public int Threads { get; }

    /// <summary>Everything on the caller's thread.</summary>
    public static ComputeContext Serial { get; } = new(1);

    /// <summary>Runs team work on this context's threads (the caller is thread 0) and waits for it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Run(ITeamWork work) => Team.Run(work, Threads);
}
