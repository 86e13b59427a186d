namespace CharLstmLab.Files;

/// <summary>Reads an input the user named, only if it is a regular file within a stated size.</summary>
public static class InputFile
{
    /// <summary>The whole file, after checking (without opening it) that it is a regular file of at most <paramref name="maxBytes"/>.</summary>
    /// <param name="what">How the sentence names the file, e.g. "corpus file" or "checkpoint".</param>
    public static byte[] Read(string path, string what, long maxBytes)
    {
        Require(path, what, maxBytes);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            // The file may have grown since it was examined: read at most one byte past the limit.
            long length = Math.Min(stream.Length, maxBytes + 1);
            if (length > maxBytes) throw TooLarge(path, what, length, maxBytes);
            var bytes = new byte[length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LabException($"Cannot read the {what} '{path}': {e.Message}", e);
        }
    }

    /// <summary>Refuses a path that is missing, a folder, a device, a FIFO or a socket, or larger than the limit.</summary>
    public static void Require(string path, string what, long maxBytes)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new LabException($"The {what} path is empty; give the name of a file.");
        var probe = FileProbe.Of(path);
        switch (probe.Kind)
        {
            case FileKind.Missing: throw new LabException($"The {what} '{path}' does not exist.");
            case FileKind.Directory: throw new LabException($"The {what} '{path}' is a folder, not a file.");
            case FileKind.Special: throw new LabException($"The {what} '{path}' is a device, pipe or socket, not a regular file; save it to a file " +
                "first.");
            case FileKind.Inaccessible: throw new LabException($"The {what} '{path}' cannot be examined (permission denied on the way to it).");
        }
        if (probe.Size > maxBytes) throw TooLarge(path, what, probe.Size, maxBytes);
    }

    static LabException TooLarge(string path, string what, long size, long maxBytes) =>
        new($"The {what} '{path}' is {Bytes.Describe(size)}, more than the {Bytes.Describe(maxBytes)} this tool reads.");
}
