using System.Security.Cryptography;
using CharLstmLab.Files;

namespace CharLstmLab.Cli.Tests;

/// <summary>
/// Every entry under a folder with what it is: a file's size, mode and SHA-256, a link's target,
/// a FIFO's kind. Links are recorded, never followed. Equal snapshots mean nothing was touched.
/// </summary>
static class DirectorySnapshot
{
    public static SortedDictionary<string, string> Take(string folder)
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var pending = new Stack<string>([folder]);
        while (pending.Count > 0)
            foreach (var path in Directory.EnumerateFileSystemEntries(pending.Pop()))
            {
                var info = new FileInfo(path);
                string name = Path.GetRelativePath(folder, path);
                var kind = FileProbe.Of(path, followLinks: false).Kind;
                if (kind == FileKind.SymbolicLink) entries[name] = "link -> " + info.LinkTarget;
                else if (kind == FileKind.Directory) { entries[name] = "folder"; pending.Push(path); }
                else if (kind != FileKind.Regular) entries[name] = kind.ToString();
                else entries[name] = $"{info.Length} bytes, {(info.IsReadOnly ? "read-only" : "writable")}, {Content(info)}";
            }
        return entries;
    }

    // Hashing the 32 MB sparse file before and after every case would cost more than the cases; its modification time is enough.
    static string Content(FileInfo file) =>
        file.Length > (1 << 20) ? $"modified {file.LastWriteTimeUtc.Ticks}" : Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file.FullName)));
}
