using System.Diagnostics;
using System.Text;
using CharLstmLab.Tests;
using Xunit.Abstractions;

namespace CharLstmLab.Cli.Tests;

/// <summary>
/// Many wrong inputs, generated: bad corpora, settings, prompts, output paths and checkpoints
/// whose checksum is valid but whose header lies. Every one must end with exit 1 and exactly one
/// sentence on stderr, nothing on stdout, no stack trace, and not one file created, changed or removed.
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    static readonly string[] Tiny = ["--hidden", "8", "--embedding", "4", "--seq-length", "8", "--batch-size", "2", "--iterations", "1"];
    static readonly string[] TinyShape = Tiny[..^2];

    /// <summary>The option pairs of <paramref name="defaults"/> that <paramref name="extra"/> does not set itself.</summary>
    static string[] Without(string[] defaults, string[] extra) =>
        defaults.Chunk(2).Where(pair => !extra.Contains(pair[0])).SelectMany(pair => pair).ToArray();

    sealed record Fixture(string Folder, string Corpus, string Model, string Done);

    static readonly Lazy<Fixture> Files = new(Build);

    static Fixture Build()
    {
        string folder = Directory.CreateTempSubdirectory("charlstm-fuzz-").FullName;
        string F(string name) => Path.Combine(folder, name);
        string corpus = F("corpus.md");
        File.WriteAllText(corpus, string.Concat(Enumerable.Repeat(Charlstm.Corpus, 3)));
        var train = Charlstm.RunIn(folder, ["train", "--data", "corpus.md", "--out", "model.clm", "--optimizer", "momentum", .. TinyShape, "--iterations", "2"]);
        Assert.True(train.ExitCode == 0, train.Err);
        File.Copy(F("model.clm"), F("done.clm"));

        File.WriteAllText(F("empty.md"), "");
        File.WriteAllBytes(F("nul.md"), [0x23, 0x20, 0x00, 0x41]);
        File.WriteAllBytes(F("latin1.md"), [0x43, 0x61, 0x66, 0xE9, 0x0A]);
        File.WriteAllBytes(F("surrogate.md"), [0x61, 0xED, 0xA0, 0x80, 0x0A]); // a UTF-8-encoded lone surrogate (CESU), invalid
        File.WriteAllText(F("one-char.md"), "aaaaaaaaaaaa");
        File.WriteAllText(F("emoji.md"), "# Tea \U0001F375\n\ntext\n");
        File.WriteAllText(F("short.md"), "# ab ab\n");
        File.WriteAllText(F("no-hash.md"), string.Concat(Enumerable.Repeat("plain words and more plain words\n", 20)));
        File.WriteAllText(F("zebra.md"), string.Concat(Enumerable.Repeat(Charlstm.Corpus, 3)) + "Zebra Quagga ~ 42\n");
        using (var big = File.Create(F("huge.md"))) big.SetLength(33 << 20); // sparse: over the 32 MB limit without using the disk
        Directory.CreateDirectory(F("no-markdown"));
        File.WriteAllText(F("no-markdown/notes.txt"), "not markdown");
        Directory.CreateDirectory(F("folder.clm"));
        File.WriteAllText(F("prompt-empty.txt"), "");
        File.WriteAllBytes(F("prompt-binary.txt"), [0x23, 0x00, 0x01]);
        File.WriteAllText(F("prompt-zebra.txt"), "Zebra");
        File.WriteAllText(F("read-only.clm"), "the user's read-only file");
        File.SetAttributes(F("read-only.clm"), FileAttributes.ReadOnly);
        File.WriteAllText(F("model.clm.tmp"), "the user's own temporary file");
        File.CreateSymbolicLink(F("link.clm"), F("model.clm"));
        Directory.CreateSymbolicLink(F("here"), folder);
        File.WriteAllBytes(F("not-a-model.clm"), Encoding.UTF8.GetBytes("# just markdown\n"));
        var bytes = File.ReadAllBytes(F("model.clm"));
        File.WriteAllBytes(F("truncated.clm"), bytes[..^100]);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(F("flipped.clm"), bytes);
        foreach (var (lie, mutate) in CheckpointForge.Lies)
        {
            var forge = new CheckpointForge(F("model.clm"));
            mutate(forge);
            forge.Save(F($"lie-{lie.Replace(' ', '-')}.clm"));
        }
        if (OperatingSystem.IsLinux())
        {
            Process.Start("mkfifo", [F("fifo.md")])!.WaitForExit();
            Process.Start("ln", [F("corpus.md"), F("hard-link.md")])!.WaitForExit();
        }
        return new Fixture(folder, corpus, F("model.clm"), F("done.clm"));
    }

    /// <summary>Every case: a name and the arguments, run in the fixture folder.</summary>
    static IEnumerable<(string Name, string[] Args)> Cases()
    {
        string[] T(params string[] extra) => ["train", "--data", "corpus.md", "--out", "new.clm", .. Without(Tiny, extra), .. extra];

        foreach (var corpus in new[] { "empty.md", "nul.md", "latin1.md", "surrogate.md", "one-char.md", "emoji.md", "huge.md", "no-markdown",
                     "missing.md", "", "fifo.md", "/dev/zero", "folder.clm/" })
            yield return ($"corpus {corpus}", ["train", "--data", corpus, "--out", "new.clm", .. Tiny]);
        yield return ("corpus too short for the default shape", ["train", "--data", "short.md", "--out", "new.clm"]);
        yield return ("corpus without the default prompt", ["train", "--data", "no-hash.md", "--out", "new.clm", .. Tiny]);

        foreach (var option in new[] { "--hidden", "--embedding", "--layers", "--seq-length", "--batch-size" })
            foreach (var value in new[] { "0", "-1", "-2147483648", "2147483647" })
                yield return ($"{option} {value}", T(option, value));
        foreach (var value in new[] { "0", "-5" }) yield return ($"--iterations {value}", T("--iterations", value));
        yield return ("--layers 300", T("--layers", "300"));
        yield return ("--hidden 100000", T("--hidden", "100000"));
        yield return ("--hidden 65536 --layers 256", T("--hidden", "65536", "--layers", "256"));
        yield return ("--batch-size and --seq-length 100000", T("--batch-size", "100000", "--seq-length", "100000"));
        foreach (var value in new[] { "0", "-1", "NaN", "Infinity", "1e-300", "1e-40", "1e39" }) yield return ($"--lr {value}", T("--lr", value));
        foreach (var value in new[] { "1", "-0.1", "NaN" }) yield return ($"--lr-decay {value}", T("--lr-decay", value));
        foreach (var value in new[] { "0", "-1", "NaN", "1e-50" }) yield return ($"--clip-value {value}", T("--clip-value", value));
        foreach (var value in new[] { "0", "-1", "NaN" }) yield return ($"--clip-norm {value}", T("--clip-norm", value));
        foreach (var value in new[] { "1", "-0.1", "NaN", "0.9999" }) yield return ($"--val-fraction {value}", T("--val-fraction", value));
        yield return ("--sample-every -1", T("--sample-every", "-1"));
        yield return ("--threads -1", T("--threads", "-1"));
        yield return ("train --prompt empty", T("--prompt", ""));
        yield return ("train --prompt outside the corpus", T("--prompt", "Zq~"));
        foreach (var file in new[] { "missing.txt", "prompt-empty.txt", "prompt-binary.txt", "folder.clm", "fifo.md", "/dev/zero", "prompt-zebra.txt" })
            yield return ($"train --prompt-file {file}", T("--prompt-file", file));
        yield return ("--prompt with --prompt-file", T("--prompt", "#", "--prompt-file", "prompt-zebra.txt"));

        yield return ("--out is the corpus", ["train", "--data", "corpus.md", "--out", "corpus.md", .. Tiny]);
        yield return ("--out is the corpus spelled through a link", ["train", "--data", "corpus.md", "--out", "here/./corpus.md", .. Tiny]);
        yield return ("--out is a hard link of the corpus", ["train", "--data", "corpus.md", "--out", "hard-link.md", .. Tiny]);
        yield return ("--out is inside a corpus folder's file", ["train", "--data", ".", "--out", "emoji.md", .. Tiny]);
        yield return ("--log is the corpus", T("--log", "corpus.md"));
        yield return ("--log is --out", T("--log", "new.clm"));
        yield return ("--log is --out spelled differently", T("--log", "./here/new.clm"));
        yield return ("--log is the resumed checkpoint", ["train", "--data", "corpus.md", "--resume", "model.clm", "--out", "next.clm", "--log", "model.clm", "--iterations", "3"]);
        foreach (var path in new[] { "", " ", "folder.clm", "folder.clm/", "missing-folder/x.clm", "link.clm", "read-only.clm", "/dev/null", "fifo.md", "corpus.md/x.clm" })
        {
            yield return ($"--out '{path}'", ["train", "--data", "corpus.md", "--out", path, .. Tiny]);
            yield return ($"--log '{path}'", T("--log", path));
        }

        yield return ("resume with no iterations left", ["train", "--data", "corpus.md", "--resume", "done.clm", "--out", "next.clm", "--iterations", "2"]);
        yield return ("resume on a corpus with new characters", ["train", "--data", "zebra.md", "--resume", "model.clm", "--out", "next.clm", "--iterations", "3"]);
        yield return ("resume with another hidden size", ["train", "--data", "corpus.md", "--resume", "model.clm", "--out", "next.clm", "--iterations", "3", "--hidden", "9"]);
        yield return ("resume with another optimizer", ["train", "--data", "corpus.md", "--resume", "model.clm", "--out", "next.clm", "--iterations", "3", "--optimizer", "adam"]);

        var models = new List<string> { "missing.clm", "", "folder.clm", "fifo.md", "/dev/zero", "not-a-model.clm", "truncated.clm", "flipped.clm", "corpus.md" };
        models.AddRange(CheckpointForge.Lies.Keys.Select(lie => $"lie-{lie.Replace(' ', '-')}.clm"));
        foreach (var model in models)
        {
            yield return ($"sample --model {model}", ["sample", "--model", model, "--length", "10"]);
            yield return ($"resume {model}", ["train", "--data", "corpus.md", "--resume", model, "--out", "next.clm", "--iterations", "3"]);
        }
        foreach (var model in models.Take(9))
        {
            yield return ($"score --model {model}", ["score", "--model", model, "--text", "corpus.md"]);
            yield return ($"diagnose --model {model}", ["diagnose", "--model", model, "--data", "corpus.md", "--samples", "1", "--length", "20"]);
        }

        string[] S(params string[] extra) => ["sample", "--model", "model.clm", .. Without(["--length", "10"], extra), .. extra];
        yield return ("sample --length -1", S("--length", "-1"));
        foreach (var value in new[] { "0", "-1", "NaN", "Infinity" }) yield return ($"--temperature {value}", S("--temperature", value));
        foreach (var value in new[] { "0", "-3" }) yield return ($"--top-k {value}", S("--top-k", value));
        foreach (var value in new[] { "0", "1.5", "NaN" }) yield return ($"--top-p {value}", S("--top-p", value));
        yield return ("--greedy with a temperature", S("--greedy", "--temperature", "1"));
        yield return ("--top-k with --top-p", S("--top-k", "3", "--top-p", "0.5"));
        yield return ("sample prompt outside the vocabulary", S("--prompt", "Zq"));
        yield return ("sample empty prompt", S("--prompt", ""));
        foreach (var file in new[] { "missing.txt", "prompt-empty.txt", "prompt-binary.txt", "folder.clm", "fifo.md", "prompt-zebra.txt" })
            yield return ($"sample --prompt-file {file}", S("--prompt-file", file));

        foreach (var text in new[] { "missing.md", "empty.md", "emoji.md", "latin1.md", "fifo.md", "zebra.md", "folder.clm", "huge.md" })
            yield return ($"score --text {text}", ["score", "--model", "model.clm", "--text", text]);
        yield return ("diagnose --samples 0", ["diagnose", "--model", "model.clm", "--data", "corpus.md", "--samples", "0"]);
        yield return ("diagnose --length -1", ["diagnose", "--model", "model.clm", "--data", "corpus.md", "--length", "-1"]);
        yield return ("diagnose prompt outside the vocabulary", ["diagnose", "--model", "model.clm", "--data", "corpus.md", "--prompt", "Zq"]);
        yield return ("diagnose --prompt-file missing", ["diagnose", "--model", "model.clm", "--data", "corpus.md", "--prompt-file", "missing.txt"]);
        yield return ("diagnose --data missing", ["diagnose", "--model", "model.clm", "--data", "missing.md"]);
        yield return ("table --csv is the corpus", ["table", "--data", "corpus.md", "--csv", "corpus.md"]);
        yield return ("table --csv is a folder", ["table", "--data", "corpus.md", "--csv", "folder.clm"]);
        yield return ("table --csv in a missing folder", ["table", "--data", "corpus.md", "--csv", "missing-folder/t.csv"]);
        yield return ("table --csv is a link", ["table", "--data", "corpus.md", "--csv", "link.clm"]);
        yield return ("table --threads -1", ["table", "--data", "corpus.md", "--threads", "-1"]);
        yield return ("table --data empty", ["table", "--data", "empty.md"]);
    }

    [Fact]
    public void Every_bad_input_gets_one_sentence_exit_1_and_touches_no_file()
    {
        var fixture = Files.Value;
        var failures = new List<string>();
        int tried = 0;
        foreach (var (name, args) in Cases())
        {
            if (!OperatingSystem.IsLinux() && args.Any(a => a.Contains("fifo") || a.Contains("/dev/") || a.Contains("hard-link"))) continue;
            tried++;
            var before = DirectorySnapshot.Take(fixture.Folder);
            var result = Charlstm.RunIn(fixture.Folder, args);
            var after = DirectorySnapshot.Take(fixture.Folder);
            try
            {
                Charlstm.AssertOneSentence(result);
                Assert.Equal(before, after);
            }
            catch (Exception e) when (e is Xunit.Sdk.XunitException)
            {
                failures.Add($"{name}: {e.Message.Split('\n')[0]} | {result.Err.Trim().Split('\n')[0]}");
            }
            output.WriteLine($"{name}: {result.Err.Trim()}");
        }
        output.WriteLine($"{tried} bad inputs tried, {tried - failures.Count} handled cleanly");
        Assert.True(failures.Count == 0, $"{failures.Count} of {tried} cases failed:\n" + string.Join("\n", failures));
        Assert.True(tried >= 150, $"only {tried} cases");
    }
}
