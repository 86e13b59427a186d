namespace CharLstmLab.Files;

/// <summary>Refuses an output that is the same file as an input or as another output, however the two are spelled.</summary>
public static class PathConflicts
{
    /// <param name="output">The output path and how to name it (e.g. "--log").</param>
    /// <param name="others">Files the output must not replace, each with how to name it.</param>
    public static void Refuse((string Path, string Name) output, IEnumerable<(string Path, string Name)> others)
    {
        if (string.IsNullOrWhiteSpace(output.Path)) return; // OutputFile.Check gives the sentence for an empty path
        foreach (var (path, name) in others)
            if (!string.IsNullOrWhiteSpace(path) && RealPath.SameFile(output.Path, path))
                throw new LabException($"{output.Name} '{output.Path}' is the same file as {name} '{path}'; refusing to overwrite it, choose " +
                    "another name.");
    }
}
