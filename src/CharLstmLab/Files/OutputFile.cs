using System.Security.Cryptography;

namespace CharLstmLab.Files;

/// <summary>
/// Writes an output the user declared without endangering anything else: the target must be a
/// regular, writable file (or not exist yet) in an existing, writable folder; the bytes go to a
/// fresh temporary file beside it (a random name created exclusively, so a user's own "x.tmp" is
/// never touched) and are renamed over the target only once they are complete on disk.
/// </summary>
public static class OutputFile
{
    /// <summary>Checks everything that can be checked before the work starts, including that the folder accepts a new file.</summary>
    /// <param name="what">How the sentence names the output, e.g. "checkpoint" or "log".</param>
    /// <param name="expectedBytes">About how large the output will be: a disk that cannot hold it is refused now, not after hours of work.</param>
    public static void Check(string path, string what, long expectedBytes = 0)
    {
        string full = RequireTarget(path, what);
        string temp = CreateTemp(full, path, what, out var stream);
        stream.Dispose();
        File.Delete(temp);
        string folder = Path.GetDirectoryName(full)!;
        long free = FreeBytes(folder);
        if (expectedBytes > free)
            throw new LabException($"The {what} will need about {Bytes.Describe(expectedBytes)}, but the disk holding '{folder}' has " +
                $"{Bytes.Describe(free)} free.");
    }

    static long FreeBytes(string folder)
    {
        try { return new DriveInfo(folder).AvailableFreeSpace; }
        // unknown: do not refuse
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException) { return long.MaxValue; }
    }

    public static void WriteText(string path, string what, string text) =>
        Write(path, what, stream => { using var w = new StreamWriter(stream, leaveOpen: true); w.Write(text); });

    public static void Write(string path, string what, Action<Stream> write)
    {
        string full = RequireTarget(path, what);
        string temp = CreateTemp(full, path, what, out var stream);
        try
        {
            using (stream)
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            // Checked again: a file that became a link or read-only while we worked is still not ours to replace.
            RequireTarget(path, what);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            // .NET names the file it failed on; that is our temporary name, which means nothing to the user.
            string reason = e.Message.Replace($" : '{temp}'", "").Replace(temp, path);
            throw new LabException($"Cannot write the {what} to '{path}': {reason}", e);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>The full path, once the target and its folder are fit to receive the output.</summary>
    static string RequireTarget(string path, string what)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new LabException($"The {what} path is empty; give a file name.");
        string full;
        try { full = Path.GetFullPath(path); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new LabException($"The {what} path '{path}' is not a valid file name.", e);
        }
        if (Path.EndsInDirectorySeparator(full) || Path.GetFileName(full) is "" or "." or "..")
            throw new LabException($"The {what} path '{path}' names a folder; give a file name.");

        var target = FileProbe.Of(full, followLinks: false);
        switch (target.Kind)
        {
            case FileKind.Directory: throw new LabException($"The {what} path '{path}' is a folder; give a file name.");
            case FileKind.SymbolicLink:
                throw new LabException($"The {what} path '{path}' is a symbolic link; refusing to replace the link, give the path of the file " +
                    "itself.");
            case FileKind.Special: throw new LabException($"The {what} path '{path}' is a device, pipe or socket; refusing to replace it.");
            case FileKind.Inaccessible: throw new LabException($"The {what} path '{path}' cannot be examined (permission denied).");
            case FileKind.Regular when !target.OwnerWritable:
                throw new LabException($"The {what} path '{path}' is a read-only file; refusing to replace it (make it writable or choose another " +
                    "name).");
        }

        string folder = Path.GetDirectoryName(full)!;
        switch (FileProbe.Of(folder).Kind)
        {
            case FileKind.Directory: break;
            case FileKind.Missing: throw new LabException($"The folder '{folder}' for the {what} does not exist.");
            default: throw new LabException($"'{folder}' is not a folder, so the {what} cannot be written in it.");
        }
        return full;
    }

    /// <summary>A new file beside the target with a random name; never an existing file.</summary>
    static string CreateTemp(string full, string path, string what, out FileStream stream)
    {
        for (int attempt = 0; ; attempt++)
        {
            string temp = $"{full}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}.tmp";
            try
            {
                stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                return temp;
            }
            catch (IOException) when (attempt < 8 && File.Exists(temp)) { } // that name is taken: draw another
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new LabException($"Cannot write the {what} '{path}' in '{Path.GetDirectoryName(full)}': {e.Message}", e);
            }
        }
    }

    static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // the original failure is the one to report
    }
}
