using System.Collections.Frozen;
using System.Reflection;

namespace CharLstmLab.Diagnostics;

/// <summary>
/// A dictionary of real words, compared ignoring case (see <see cref="Words"/>). <see cref="English"/> is
/// SCOWL's American English list as Debian's <c>wamerican</c> package ships it (data/words, licence beside it),
/// built into this assembly so every caller judges words against the same list without finding a file.
/// Entries holding anything but letters (possessives such as "Aaron's") are skipped: a word here is a run of letters.
/// </summary>
public sealed class WordList
{
    static readonly Lazy<WordList> english = new(LoadEnglish);
    readonly FrozenSet<string> words;

    public WordList(IEnumerable<string> entries)
    {
        words = entries.Select(e => e.Trim()).Where(e => e.Length > 0 && e.All(Words.IsWordChar)).ToFrozenSet(Words.Comparer);
    }

    public static WordList English => english.Value;

    public int Count => words.Count;

    public bool Contains(string word) => words.Contains(word);

    static WordList LoadEnglish()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CharLstmLab.words.american-english.txt")
            ?? throw new LabException("The English word list is missing from the CharLstmLab assembly.");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line) lines.Add(line);
        return new WordList(lines);
    }
}
