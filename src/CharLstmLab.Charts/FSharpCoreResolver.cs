using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace CharLstmLab.Charts;

/// <summary>
/// Lets Plotly.NET load in a kernel whose FSharp.Core is older than the one it was built against.
/// A notebook calls <see cref="Install"/> once, in its first code cell, before it touches any chart.
/// <para>
/// The stock .NET Interactive kernel runs on FSharp.Core 10.0 and Plotly.NET 6.0.0 asks for
/// FSharp.Core 10.1. The runtime never binds a request to an older version on its own, so the
/// first Plotly type would fail to load. <see cref="Install"/> answers those requests with the
/// FSharp.Core that is already loaded (the APIs Plotly.NET uses exist in both).
/// </para>
/// </summary>
public static class FSharpCoreResolver
{
    static int installed;

    /// <summary>Idempotent; also runs when this assembly is first used (module initializer).</summary>
    public static void Install()
    {
        if (Interlocked.Exchange(ref installed, 1) == 1) return;
        AssemblyLoadContext.Default.Resolving += ResolveFSharpCore;
    }

#pragma warning disable CA2255 // a library-level initializer is the point here: any use of the charts installs the fix
    [ModuleInitializer]
    internal static void Initialize() => Install();
#pragma warning restore CA2255

    /// <summary>The highest FSharp.Core already loaded, else the one shipped beside this assembly.</summary>
    static Assembly? ResolveFSharpCore(AssemblyLoadContext context, AssemblyName name)
    {
        if (name.Name != "FSharp.Core") return null;
        var loaded = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name == "FSharp.Core")
            .MaxBy(a => a.GetName().Version);
        if (loaded is not null) return loaded;
        string location = typeof(FSharpCoreResolver).Assembly.Location;
        string folder = string.IsNullOrEmpty(location) ? AppContext.BaseDirectory : Path.GetDirectoryName(location)!;
        string beside = Path.Combine(folder, "FSharp.Core.dll");
        return File.Exists(beside) ? context.LoadFromAssemblyPath(beside) : null;
    }
}
