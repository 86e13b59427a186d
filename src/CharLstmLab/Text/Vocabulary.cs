namespace CharLstmLab.Text;

/// <summary>The characters a model knows, sorted by code point so the same text always gives the same ids.</summary>
public sealed class Vocabulary
{
    readonly char[] chars;
    readonly Dictionary<char, int> ids;

    public Vocabulary(IEnumerable<char> characters)
    {
        chars = characters.Distinct().Order().ToArray();
        if (chars.Length < 2) throw new LabException("A vocabulary needs at least two distinct characters.");
        ids = new Dictionary<char, int>(chars.Length);
        for (int i = 0; i < chars.Length; i++) ids[chars[i]] = i;
    }

    public static Vocabulary FromText(string text) => new(text);

    public int Size => chars.Length;
    public IReadOnlyList<char> Characters => chars;
    public char this[int id] => chars[id];
    public bool Contains(char c) => ids.ContainsKey(c);

    public int IdOf(char c) => ids.TryGetValue(c, out int id)
        ? id
        : throw new LabException($"The character {Describe(c)} is not in the model's vocabulary of {Size} characters.");

    public int[] Encode(string text)
    {
        var result = new int[text.Length];
        for (int i = 0; i < text.Length; i++) result[i] = IdOf(text[i]);
        return result;
    }

    public string Decode(ReadOnlySpan<int> ids)
    {
        var result = new char[ids.Length];
        for (int i = 0; i < ids.Length; i++) result[i] = chars[ids[i]];
        return new string(result);
    }

    /// <summary>The characters as one string: the form checkpoints store.</summary>
    public override string ToString() => new(chars);

    public static string Describe(char c) => c switch
    {
        '\n' => "'\\n' (newline)",
        '\t' => "'\\t' (tab)",
        ' ' => "' ' (space)",
        _ when char.IsControl(c) || char.IsSurrogate(c) => $"U+{(int)c:X4}",
        _ => $"'{c}' (U+{(int)c:X4})",
    };
}
