using System.Text;

namespace CharLstmLab.Text;

/// <summary>The training text: one or more UTF-8 Markdown files joined in a stable order.</summary>
public sealed record Corpus(string Text, IReadOnlyList<string> Files)
{
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Loads files and folders. A folder contributes its <c>*.md</c> files (recursively, sorted by
    /// ordinal path so every machine sees the same text). Line endings are normalized to '\n'.
    /// </summary>
    public static Corpus Load(params IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.GetFiles(path, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
                if (found.Count == 0) throw new LabException($"The folder '{path}' holds no .md files.");
                files.AddRange(found);
            }
            else if (File.Exists(path)) files.Add(path);
            else throw new LabException($"The corpus path '{path}' does not exist.");
        }
        if (files.Count == 0) throw new LabException("No corpus was given: pass at least one Markdown file or folder.");

        var text = new StringBuilder();
        foreach (var file in files)
        {
            if (text.Length > 0 && text[^1] != '\n') text.Append('\n');
            text.Append(ReadUtf8(file));
        }
        return FromText(text.ToString(), files);
    }

    /// <summary>Wraps text already in memory (notebooks, tests).</summary>
    public static Corpus FromText(string text, IReadOnlyList<string>? files = null)
    {
        text = text.Replace("\r\n", "\n");
        if (text.Length == 0) throw new LabException("The corpus is empty: there is no text to learn from.");
        if (text.Distinct().Take(2).Count() < 2)
            throw new LabException("The corpus has only one distinct character, so there is nothing to predict.");
        return new Corpus(text, files ?? []);
    }

    static string ReadUtf8(string file)
    {
        byte[] bytes = File.ReadAllBytes(file);
        if (Array.IndexOf(bytes, (byte)0) >= 0)
            throw new LabException($"'{file}' looks like a binary file (it contains NUL bytes), not Markdown text.");
        try
        {
            var span = bytes.AsSpan();
            if (span.StartsWith(Encoding.UTF8.Preamble)) span = span[3..];
            return StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException)
        {
            throw new LabException($"'{file}' is not valid UTF-8; save it as UTF-8 and try again.");
        }
    }
}
