using System.Text;
using CharLstmLab.Files;

namespace CharLstmLab.Text;

/// <summary>A text file the user named (a corpus file, a prompt file): a regular file within a size limit, strict UTF-8, no NUL bytes.</summary>
public static class TextFile
{
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="what">How the sentence names the file, e.g. "prompt file".</param>
    public static string Read(string path, string what, long maxBytes) => Decode(path, InputFile.Read(path, what, maxBytes));

    /// <summary>The text of bytes read from <paramref name="path"/>, without a byte-order mark; line endings as they are.</summary>
    public static string Decode(string path, byte[] bytes)
    {
        if (Array.IndexOf(bytes, (byte)0) >= 0)
            throw new LabException($"'{path}' looks like a binary file (it contains NUL bytes), not Markdown text.");
        try
        {
            var span = bytes.AsSpan();
            if (span.StartsWith(Encoding.UTF8.Preamble)) span = span[3..];
            return StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException)
        {
            throw new LabException($"'{path}' is not valid UTF-8; save it as UTF-8 and try again.");
        }
    }
}
