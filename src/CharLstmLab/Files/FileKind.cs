namespace CharLstmLab.Files;

/// <summary>What a path names, as far as reading or replacing it is concerned.</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    /// <summary>A character or block device, a FIFO or a socket: reading it may never end, replacing it destroys it.</summary>
    Special,
    /// <summary>The path exists but cannot be examined (for example a folder on the way lacks permission).</summary>
    Inaccessible,
}
