namespace CharLstmLab.Compute;

/// <summary>
/// Work that a team of threads runs together: thread <c>t</c> of <c>threads</c> does its share.
/// Each kind of work is its own class (a product, a packing, a layer's steps, a pass over the
/// parameters), so what a team run does is the object handed in, never a mode flag read inside.
/// </summary>
public interface ITeamWork
{
    void Run(int thread, int threads);
}
