using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace CharLstmLab.Workbook;

/// <summary>
/// An in-process kernel set up like the one Polyglot Notebooks starts: a composite kernel whose
/// C# kernel understands <c>#r "nuget: ..."</c> and the notebook helpers (<c>display</c>, ...).
/// Kernel extensions shipped in restored packages (Plotly.NET.Interactive's chart formatter) are
/// loaded after the cell that restored them, as the stock kernel does.
/// </summary>
sealed class KernelHost : IDisposable
{
    readonly List<string> pendingExtensionFolders = [];
    readonly HashSet<string> loadedExtensionFolders = [];

    public KernelHost()
    {
        var csharp = new CSharpKernel()
            .UseNugetDirective((_, packages) => { QueueExtensions(packages); return Task.CompletedTask; }, forceRestore: false)
            .UseKernelHelpers();
        Kernel = new CompositeKernel { csharp };
        Kernel.DefaultKernelName = csharp.Name;
    }

    public CompositeKernel Kernel { get; }

    void QueueExtensions(IReadOnlyList<ResolvedPackageReference> packages)
    {
        lock (pendingExtensionFolders)
            foreach (var package in packages)
            {
                string folder = Path.Combine(package.PackageRoot, "interactive-extensions", "dotnet");
                if (Directory.Exists(folder) && loadedExtensionFolders.Add(folder)) pendingExtensionFolders.Add(folder);
            }
    }

    /// <summary>Loads the extensions restored by the last cell: every IKernelExtension in the package's extension folder.</summary>
    public async Task LoadPendingExtensionsAsync()
    {
        string[] folders;
        lock (pendingExtensionFolders) { folders = [.. pendingExtensionFolders]; pendingExtensionFolders.Clear(); }
        foreach (string folder in folders)
            foreach (string dll in Directory.GetFiles(folder, "*.dll").Order(StringComparer.Ordinal))
            {
                var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(dll);
                foreach (var type in assembly.GetExportedTypes().Where(IsExtension))
                    await ((IKernelExtension)Activator.CreateInstance(type)!).OnLoadAsync(Kernel);
            }
    }

    static bool IsExtension(Type type) =>
        typeof(IKernelExtension).IsAssignableFrom(type) && type is { IsAbstract: false, IsInterface: false }
            && type.GetConstructor(Type.EmptyTypes) is not null;

    public void Dispose() => Kernel.Dispose();
}
