using System.Globalization;

namespace CharLstmLab.Files;

/// <summary>Byte counts as people read them.</summary>
public static class Bytes
{
    public const long KB = 1 << 10, MB = 1 << 20, GB = 1 << 30;

    public static string Describe(long bytes) => bytes switch
    {
        >= GB => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)GB:0.#} GB"),
        >= MB => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)MB:0.#} MB"),
        >= KB => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)KB:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
