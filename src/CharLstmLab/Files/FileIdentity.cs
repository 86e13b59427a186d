namespace CharLstmLab.Files;

/// <summary>Device and inode: equal for two paths exactly when they name the same file, hard links and symbolic links included.</summary>
public readonly record struct FileIdentity(ulong Device, ulong Inode);
