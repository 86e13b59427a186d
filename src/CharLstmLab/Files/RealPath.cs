namespace CharLstmLab.Files;

/// <summary>
/// A path with every symbolic link on the way resolved, like realpath(3), also for a file that
/// does not exist yet (its folder is resolved, its name kept). ".." is applied after resolving
/// what precedes it, as the kernel does, so "link/../x" is where the kernel would put x.
/// </summary>
public static class RealPath
{
    const int MaxLinks = 40; // the kernel's own limit before ELOOP

    public static string Of(string path)
    {
        string full = Path.GetFullPath(path);
        string root = Path.GetPathRoot(full) ?? "/";
        var pending = new Stack<string>(full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse());
        string current = root;
        int links = 0;
        while (pending.Count > 0)
        {
            string part = pending.Pop();
            if (part == ".") continue;
            if (part == "..") { current = Path.GetDirectoryName(current) ?? root; continue; }
            string next = Path.Combine(current, part);
            string? target = LinkTarget(next);
            if (target is null || ++links > MaxLinks) { current = next; continue; }
            // Splice the link's target in front of what is left, relative to the link's folder.
            string resolved = Path.IsPathRooted(target) ? target : Path.Combine(current, target);
            string resolvedRoot = Path.GetPathRoot(resolved) ?? root;
            foreach (var p in resolved[resolvedRoot.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse())
                pending.Push(p);
            current = resolvedRoot;
        }
        return current;
    }

    /// <summary>True when both paths lead to the same place: the same file when both exist, else the same resolved path.</summary>
    public static bool SameFile(string a, string b)
    {
        if (FileProbe.Of(a).Identity is { } ia && FileProbe.Of(b).Identity is { } ib) return ia == ib;
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return string.Equals(Of(a), Of(b), comparison);
    }

    static string? LinkTarget(string path)
    {
        try { return new FileInfo(path).LinkTarget; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}
