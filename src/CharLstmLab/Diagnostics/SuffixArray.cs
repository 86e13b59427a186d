namespace CharLstmLab.Diagnostics;

/// <summary>
/// Sorts all suffixes of a text by prefix doubling with counting sorts: O(n log n) whatever the
/// text, so a corpus full of repeated lines (where comparison sorting degrades) builds as fast.
/// </summary>
static class SuffixArray
{
    public static int[] Build(string text)
    {
        // Sort cyclic shifts of text + sentinel; the sentinel (key 0) is unique and smallest,
        // so the order of cyclic shifts is the order of suffixes.
        int n = text.Length + 1;
        int[] order = new int[n], rank = new int[n], shifted = new int[n], next = new int[n];
        int[] count = new int[Math.Max(char.MaxValue + 2, n)];

        for (int i = 0; i < n; i++) count[Key(text, i)]++;
        for (int k = 1; k < count.Length; k++) count[k] += count[k - 1];
        for (int i = n - 1; i >= 0; i--) order[--count[Key(text, i)]] = i;
        int classes = 1;
        for (int i = 1; i < n; i++)
        {
            if (Key(text, order[i]) != Key(text, order[i - 1])) classes++;
            rank[order[i]] = classes - 1;
        }

        for (int h = 1; classes < n; h <<= 1)
        {
            // Shifts sorted by their second half are the first halves moved back by h.
            for (int i = 0; i < n; i++) shifted[i] = order[i] - h < 0 ? order[i] - h + n : order[i] - h;
            Array.Clear(count, 0, classes);
            for (int i = 0; i < n; i++) count[rank[shifted[i]]]++;
            for (int k = 1; k < classes; k++) count[k] += count[k - 1];
            for (int i = n - 1; i >= 0; i--) order[--count[rank[shifted[i]]]] = shifted[i];

            next[order[0]] = 0;
            classes = 1;
            for (int i = 1; i < n; i++)
            {
                int a = order[i], b = order[i - 1];
                if (rank[a] != rank[b] || rank[(a + h) % n] != rank[(b + h) % n]) classes++;
                next[a] = classes - 1;
            }
            (rank, next) = (next, rank);
        }
        return order[1..]; // drop the sentinel's own suffix, which sorts first
    }

    static int Key(string text, int i) => i < text.Length ? text[i] + 1 : 0;
}
