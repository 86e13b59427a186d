using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CharLstmLab.Compute;

/// <summary>
/// A float buffer whose first element sits on a 64-byte boundary: one cache line, one Vector512.
/// The packed panels the microkernels stream are read 64 bytes at a time, and an unaligned load
/// touches two lines; a plain float[] may start anywhere the GC puts it, so the same program ran
/// fast or up to 1.6 times slower from one process to the next. The array is pinned (it never
/// moves, so the offset found once stays right), zeroed, and lives as long as its owner.
/// </summary>
public sealed unsafe class AlignedFloats
{
    const int Line = 64 / sizeof(float);
    readonly float[] array;
    readonly int offset;

    public AlignedFloats(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        array = GC.AllocateArray<float>(length + Line - 1, pinned: true);
        long address = (long)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        offset = (int)((64 - address % 64) % 64 / sizeof(float));
        Length = length;
    }

    public int Length { get; }
    public Span<float> Span => array.AsSpan(offset, Length);
}
