using System.Runtime.InteropServices;
using System.Text;

namespace CharLstmLab.Files;

/// <summary>
/// What is at a path, found without opening it: opening a FIFO blocks until a writer comes, and
/// a device such as /dev/zero never ends. On Linux this is statx(2), which also gives the device
/// and inode so two spellings or hard links of one file are recognised as the same file; on other
/// systems it falls back to what .NET reports (no identity, devices look like files).
/// </summary>
public readonly record struct FileProbe(FileKind Kind, long Size, bool OwnerWritable, FileIdentity? Identity)
{
    public static FileProbe Of(string path, bool followLinks = true)
    {
        if (OperatingSystem.IsLinux())
        {
            try { return Statx(path, followLinks); }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException) { } // a C library older than statx
        }
        return Managed(path, followLinks);
    }

    const int AtFdCwd = -100, AtSymlinkNoFollow = 0x100, StatxBasicStats = 0x7ff;
    const int ENOENT = 2, ENOTDIR = 20, ENAMETOOLONG = 36, ELOOP = 40;
    const ushort TypeMask = 0xF000, TypeRegular = 0x8000, TypeDirectory = 0x4000, TypeLink = 0xA000, OwnerWrite = 0x80;

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    static extern unsafe int StatxCall(int dirFd, byte* path, int flags, uint mask, byte* buffer);

    static unsafe FileProbe Statx(string path, bool followLinks)
    {
        byte[] name = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, name);
        byte* buffer = stackalloc byte[256];
        int rc;
        fixed (byte* p = name) rc = StatxCall(AtFdCwd, p, followLinks ? 0 : AtSymlinkNoFollow, StatxBasicStats, buffer);
        if (rc != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            // A link loop is a path that leads nowhere: report it as missing rather than as a file.
            return new(errno is ENOENT or ENOTDIR or ENAMETOOLONG or ELOOP ? FileKind.Missing : FileKind.Inaccessible, 0, false, null);
        }
        ushort mode = *(ushort*)(buffer + 28);
        ulong inode = *(ulong*)(buffer + 32), size = *(ulong*)(buffer + 40);
        uint devMajor = *(uint*)(buffer + 136), devMinor = *(uint*)(buffer + 140);
        var kind = (mode & TypeMask) switch
        {
            TypeRegular => FileKind.Regular,
            TypeDirectory => FileKind.Directory,
            TypeLink => FileKind.SymbolicLink,
            _ => FileKind.Special,
        };
        return new(kind, (long)Math.Min(size, long.MaxValue), (mode & OwnerWrite) != 0, new FileIdentity(((ulong)devMajor << 32) | devMinor, inode));
    }

    static FileProbe Managed(string path, bool followLinks)
    {
        try
        {
            FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
            if (!info.Exists) return new(FileKind.Missing, 0, false, null);
            if (info.LinkTarget is not null)
            {
                if (!followLinks) return new(FileKind.SymbolicLink, 0, false, null);
                info = info.ResolveLinkTarget(returnFinalTarget: true) ?? info;
                if (!info.Exists) return new(FileKind.Missing, 0, false, null);
            }
            if (info is DirectoryInfo) return new(FileKind.Directory, 0, true, null);
            var file = (FileInfo)info;
            return new(FileKind.Regular, file.Length, !file.IsReadOnly, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new(FileKind.Inaccessible, 0, false, null);
        }
    }
}
