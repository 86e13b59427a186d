using System.Globalization;

namespace CharLstmLab.Reproduction;

/// <summary>Reads data/seed-loss-table.csv (lines starting with '#' are comments; fields may be double-quoted).</summary>
public static class SeedTable
{
    public static IReadOnlyList<SeedRow> Load(string path)
    {
        if (!File.Exists(path)) throw new LabException($"The article's table '{path}' does not exist.");
        var rows = new List<SeedRow>();
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')).Skip(1))
        {
            var fields = Split(line);
            if (fields.Count != 3
                || !int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int iteration)
                || !double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double loss))
                throw new LabException($"'{path}' has a row that is not 'iteration,loss,quality': {line}");
            rows.Add(new SeedRow(iteration, loss, fields[2]));
        }
        return rows;
    }

    static List<string> Split(string line)
    {
        var fields = new List<string>();
        int i = 0;
        while (i <= line.Length)
        {
            if (i < line.Length && line[i] == '"')
            {
                int end = line.IndexOf('"', i + 1);
                if (end < 0) end = line.Length;
                fields.Add(line[(i + 1)..end]);
                i = end + 2;
            }
            else
            {
                int end = line.IndexOf(',', i);
                if (end < 0) end = line.Length;
                fields.Add(line[i..end]);
                i = end + 1;
            }
        }
        return fields;
    }
}
