using System.Diagnostics;
using CharLstmLab.Files;
using CharLstmLab.Text;

namespace CharLstmLab.Tests;

/// <summary>Inputs are read only from regular files within a limit; outputs never replace what they should not.</summary>
public class FileSafetyTests
{
    static string Folder() => Directory.CreateTempSubdirectory("charlstm-files-").FullName;

    static string Fifo(string folder)
    {
        string path = Path.Combine(folder, "pipe.md");
        Process.Start("mkfifo", [path])!.WaitForExit();
        Assert.Equal(FileKind.Special, FileProbe.Of(path).Kind);
        return path;
    }

    static LabException Fails(Action action) => Assert.Throws<LabException>(action);

    [Fact]
    public void Devices_fifos_and_folders_are_refused_as_inputs_without_being_opened()
    {
        if (!OperatingSystem.IsLinux()) return; // FIFOs and /dev/zero as tested here are Linux's
        string folder = Folder();
        // Opening a FIFO with no writer blocks forever, so a refusal here proves it was never opened.
        Assert.Contains("device, pipe or socket", Fails(() => Corpus.Load(Fifo(folder))).Message);
        Assert.Contains("device, pipe or socket", Fails(() => Corpus.Load("/dev/zero")).Message);
        Assert.Contains("device, pipe or socket", Fails(() => Checkpoints.Checkpoint.Load("/dev/zero")).Message);
        Assert.Contains("is a folder", Fails(() => Checkpoints.Checkpoint.Load(folder)).Message);
        Assert.Contains("is a folder", Fails(() => TextFile.Read(folder, "prompt file", 100)).Message);
    }

    [Fact]
    public void A_file_over_the_limit_is_refused_before_it_is_read()
    {
        string path = Path.Combine(Folder(), "big.txt");
        File.WriteAllText(path, new string('a', 2000));
        var e = Fails(() => InputFile.Read(path, "prompt file", 1000));
        Assert.Contains("more than the 1000 bytes this tool reads", e.Message);
    }

    [Fact]
    public void A_folder_with_a_link_back_to_itself_loads_each_file_once()
    {
        string folder = Folder();
        File.WriteAllText(Path.Combine(folder, "a.md"), "# One file\n\nwith some text.\n");
        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        File.WriteAllText(Path.Combine(folder, "sub", "b.md"), "# Another\n\nfile here.\n");
        Directory.CreateSymbolicLink(Path.Combine(folder, "sub", "loop"), folder);
        File.CreateSymbolicLink(Path.Combine(folder, "sub", "alias.md"), Path.Combine(folder, "a.md"));
        var corpus = Corpus.Load(folder, Path.Combine(folder, "a.md"));
        Assert.Equal(2, corpus.Files.Count);
        Assert.Equal("# One file\n\nwith some text.\n# Another\n\nfile here.\n", corpus.Text);
    }

    [Fact]
    public void Characters_outside_the_BMP_are_refused_with_the_character_and_line()
    {
        string path = Path.Combine(Folder(), "emoji.md");
        File.WriteAllText(path, "# Title\n\nA kettle \U0001F375 boils.\n");
        var e = Fails(() => Corpus.Load(path));
        Assert.Contains("U+1F375", e.Message);
        Assert.Contains("line 3", e.Message);
        Assert.Contains("U+D800 (half of a surrogate pair) on line 2", Fails(() => Corpus.FromText("ab\n\uD800cd")).Message);
    }

    [Fact]
    public void Outputs_refuse_folders_links_read_only_files_and_missing_folders()
    {
        string folder = Folder();
        string target = Path.Combine(folder, "kept.clm");
        File.WriteAllText(target, "the user's file");
        string link = Path.Combine(folder, "link.clm");
        File.CreateSymbolicLink(link, target);
        string readOnly = Path.Combine(folder, "ro.clm");
        File.WriteAllText(readOnly, "read only");
        File.SetAttributes(readOnly, FileAttributes.ReadOnly);

        Assert.Contains("symbolic link", Fails(() => OutputFile.WriteText(link, "log", "x")).Message);
        Assert.Contains("read-only", Fails(() => OutputFile.WriteText(readOnly, "log", "x")).Message);
        Assert.Contains("is a folder", Fails(() => OutputFile.WriteText(folder, "log", "x")).Message);
        Assert.Contains("does not exist", Fails(() => OutputFile.WriteText(Path.Combine(folder, "no", "x.csv"), "log", "x")).Message);
        Assert.Contains("empty", Fails(() => OutputFile.Check("", "log")).Message);
        if (OperatingSystem.IsLinux()) Assert.Contains("device", Fails(() => OutputFile.WriteText("/dev/null", "log", "x")).Message);
        Assert.Equal("the user's file", File.ReadAllText(target));
        Assert.Equal("read only", File.ReadAllText(readOnly));
        Assert.Equal(3, Directory.GetFileSystemEntries(folder).Length); // no temporary file left behind
    }

    [Fact]
    public void An_output_larger_than_the_free_space_is_refused_before_the_work()
    {
        string folder = Folder();
        var e = Fails(() => OutputFile.Check(Path.Combine(folder, "model.clm"), "checkpoint", expectedBytes: long.MaxValue / 2));
        Assert.Contains("free", e.Message);
        OutputFile.Check(Path.Combine(folder, "model.clm"), "checkpoint", expectedBytes: 1000);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void A_users_own_tmp_file_is_never_touched_and_no_temporary_file_is_left()
    {
        string folder = Folder();
        string output = Path.Combine(folder, "model.clm");
        File.WriteAllText(output + ".tmp", "mine");
        OutputFile.WriteText(output, "checkpoint", "first");
        OutputFile.WriteText(output, "checkpoint", "second");
        Assert.Equal("second", File.ReadAllText(output));
        Assert.Equal("mine", File.ReadAllText(output + ".tmp"));
        Assert.Equal(2, Directory.GetFiles(folder).Length);

        // A failure while writing deletes the temporary file and keeps the previous output.
        Assert.Throws<InvalidOperationException>(() => OutputFile.Write(output, "checkpoint", _ => throw new InvalidOperationException("boom")));
        Assert.Equal("second", File.ReadAllText(output));
        Assert.Equal(2, Directory.GetFiles(folder).Length);
    }

    [Fact]
    public void The_same_file_is_recognised_through_links_and_spellings()
    {
        string folder = Folder();
        string file = Path.Combine(folder, "corpus.md");
        File.WriteAllText(file, "# x\n");
        string hard = Path.Combine(folder, "hard.md");
        if (OperatingSystem.IsLinux()) Process.Start("ln", [file, hard])!.WaitForExit();
        Directory.CreateSymbolicLink(Path.Combine(folder, "dirlink"), folder);

        Assert.True(RealPath.SameFile(file, Path.Combine(folder, ".", "dirlink", "..", "corpus.md")));
        Assert.True(RealPath.SameFile(file, Path.Combine(folder, "dirlink", "corpus.md")));
        if (OperatingSystem.IsLinux()) Assert.True(RealPath.SameFile(file, hard));
        Assert.True(RealPath.SameFile(Path.Combine(folder, "new.csv"), Path.Combine(folder, "dirlink", "new.csv")));
        Assert.False(RealPath.SameFile(file, Path.Combine(folder, "other.md")));
        var e = Fails(() => PathConflicts.Refuse((Path.Combine(folder, "dirlink", "corpus.md"), "--out"), [(file, "the corpus file")]));
        Assert.Contains("same file", e.Message);
    }
}
