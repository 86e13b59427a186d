using System.Text;
using CharLstmLab.Files;

namespace CharLstmLab.Text;

/// <summary>The training text: one or more UTF-8 Markdown files joined in a stable order.</summary>
public sealed record Corpus(string Text, IReadOnlyList<string> Files)
{
    /// <summary>Most bytes of text read for one corpus, all files together: far above the bundled corpora, well below what would not fit.</summary>
    public const long MaxBytes = 32 * Bytes.MB;

    /// <summary>
    /// Loads files and folders. A folder contributes its <c>*.md</c> files (recursively, sorted by
    /// ordinal path so every machine sees the same text). Each file is read once, however many
    /// paths or links lead to it. Line endings are normalized to '\n'.
    /// </summary>
    public static Corpus Load(params IEnumerable<string> paths)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (string.IsNullOrWhiteSpace(path)) throw new LabException("A corpus path is empty; give a Markdown file or a folder.");
            var kind = FileProbe.Of(path).Kind;
            if (kind == FileKind.Directory)
            {
                var found = MarkdownFiles(path);
                if (found.Count == 0) throw new LabException($"The folder '{path}' holds no .md files.");
                files.AddRange(found.Where(f => seen.Add(RealPath.Of(f))));
            }
            else if (kind == FileKind.Missing) throw new LabException($"The corpus path '{path}' does not exist.");
            else
            {
                InputFile.Require(path, "corpus file", MaxBytes);
                if (seen.Add(RealPath.Of(path))) files.Add(path);
            }
        }
        if (files.Count == 0) throw new LabException("No corpus was given: pass at least one Markdown file or folder.");

        var text = new StringBuilder();
        long total = 0;
        foreach (var file in files)
        {
            byte[] bytes = InputFile.Read(file, "corpus file", MaxBytes);
            total += bytes.Length;
            if (total > MaxBytes)
                throw new LabException($"The corpus files together hold more than {Bytes.Describe(MaxBytes)}, the most this tool reads; train on " +
                    "fewer files.");
            if (text.Length > 0 && text[^1] != '\n') text.Append('\n');
            text.Append(Decode(file, bytes));
        }
        return FromText(text.ToString(), files);
    }

    /// <summary>Wraps text already in memory (notebooks, tests).</summary>
    public static Corpus FromText(string text, IReadOnlyList<string>? files = null)
    {
        text = text.Replace("\r\n", "\n");
        if (text.Length == 0) throw new LabException("The corpus is empty: there is no text to learn from.");
        RequireSingleUnits(text, "The corpus");
        if (text.Distinct().Take(2).Count() < 2)
            throw new LabException("The corpus has only one distinct character, so there is nothing to predict.");
        return new Corpus(text, files ?? []);
    }

    /// <summary>
    /// The model's unit is one UTF-16 code unit, so a character outside the Basic Multilingual
    /// Plane (most emoji) would be learnt as two meaningless halves. Such text is refused, with
    /// the character and its line, rather than silently split.
    /// </summary>
    static void RequireSingleUnits(string text, string where)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (!char.IsSurrogate(text[i])) continue;
            int line = 1 + text.AsSpan(0, i).Count('\n');
            string character = char.IsSurrogatePair(text, i)
                ? $"U+{char.ConvertToUtf32(text[i], text[i + 1]):X} ({text.Substring(i, 2)})"
                : $"U+{(int)text[i]:X4} (half of a surrogate pair)";
            throw new LabException(
                $"{where} holds the character {character} on line {line}, outside the Basic Multilingual Plane; this lab learns 16-bit characters " +
                    "only, so remove or replace it.");
        }
    }

    /// <summary>Every *.md file under a folder, each folder visited once even when links lead back into it.</summary>
    static List<string> MarkdownFiles(string folder)
    {
        var found = new List<string>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([folder]);
        while (pending.Count > 0)
        {
            string dir = pending.Pop();
            if (!visited.Add(RealPath.Of(dir))) continue;
            try
            {
                found.AddRange(Directory.EnumerateFiles(dir, "*.md", SearchOption.TopDirectoryOnly));
                foreach (var sub in Directory.EnumerateDirectories(dir)) pending.Push(sub);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new LabException($"Cannot list the corpus folder '{dir}': {e.Message}", e);
            }
        }
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    static string Decode(string file, byte[] bytes)
    {
        string text = TextFile.Decode(file, bytes);
        RequireSingleUnits(text, $"'{file}'");
        return text;
    }
}
