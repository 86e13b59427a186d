namespace CharLstmLab.Workbook;

/// <summary>Where the notebooks live: found by walking up to the folder that holds CharLstmLab.sln.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();
    public static string NotebooksFolder => Path.Combine(Root, "notebooks");
    public static string ArtifactsFolder => Path.Combine(Root, "artifacts", "notebooks");

    /// <summary>Every notebook, in reading order (their names start with a number).</summary>
    public static IReadOnlyList<string> Notebooks() =>
        Directory.GetFiles(NotebooksFolder, "*.ipynb").Order(StringComparer.Ordinal).ToArray();

    static string FindRoot()
    {
        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "CharLstmLab.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("CharLstmLab.sln was not found above the working directory or the program; run from inside the " +
            "repository.");
    }
}
