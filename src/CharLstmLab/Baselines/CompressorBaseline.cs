using System.IO.Compression;
using System.Text;

namespace CharLstmLab.Baselines;

/// <summary>
/// A general-purpose compressor as a language model: the bytes it needs for the validation text once it has
/// seen the training text, bytes(train + validation) - bytes(train), turned into bits per validation character.
/// Both compressors run at their strongest fixed setting, so the result depends only on the text.
/// </summary>
public static class CompressorBaseline
{
    /// <summary>Conditional bits per character of <paramref name="validation"/> given <paramref name="train"/> (UTF-8 bytes are
    /// compressed).</summary>
    public static double BitsPerCharacter(string train, string validation, Compressor compressor)
    {
        if (validation.Length == 0) throw new LabException("The compressor baseline needs a validation text of at least one character.");
        long before = CompressedBytes(train, compressor), after = CompressedBytes(train + validation, compressor);
        return 8.0 * (after - before) / validation.Length;
    }

    public static long CompressedBytes(string text, Compressor compressor)
    {
        byte[] input = Encoding.UTF8.GetBytes(text);
        return compressor switch
        {
            Compressor.Brotli => BrotliBytes(input),
            Compressor.ZLib => ZLibBytes(input),
            _ => throw new LabException($"Unknown compressor '{compressor}'."),
        };
    }

    static long BrotliBytes(byte[] input)
    {
        var output = new byte[BrotliEncoder.GetMaxCompressedLength(input.Length)];
        // Quality 11 and a 2^24-byte window: the strongest setting, and a window wider than any corpus here.
        if (!BrotliEncoder.TryCompress(input, output, out int written, quality: 11, window: 24))
            throw new LabException("Brotli could not compress the text.");
        return written;
    }

    static long ZLibBytes(byte[] input)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true)) zlib.Write(input);
        return output.Length;
    }
}
