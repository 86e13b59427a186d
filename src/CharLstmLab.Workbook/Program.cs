using CharLstmLab.Workbook;

// dotnet run -c Release --project src/CharLstmLab.Workbook [-- [--clean | --twins | --check] [name ...]]
//   (no flag)  run every notebook headless; write artifacts/notebooks/NAME.ipynb and NAME.html
//   --clean    strip outputs and execution counts from the committed notebooks, in place
//   --twins    write each notebook's file-based app twin, notebooks/NAME.cs (TwinGenerator)
//   --check    exit 1 if a committed notebook is not clean or its twin is stale (the tests check this too)
//   name ...   only notebooks whose file name contains one of these
var flags = args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToHashSet();
var names = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
var unknown = flags.Except(["--clean", "--twins", "--check"]).ToArray();
if (unknown.Length > 0 || flags.Count > 1)
{
    Console.Error.WriteLine($"Usage: [--clean | --twins | --check] [notebook name ...]" +
        $"{(unknown.Length > 0 ? $" (unknown: {string.Join(", ", unknown)})" : "")}");
    return 2;
}

var notebooks = Repository.Notebooks()
    .Where(p => names.Length == 0 || names.Any(n => Path.GetFileName(p).Contains(n, StringComparison.OrdinalIgnoreCase)))
    .ToArray();
if (notebooks.Length == 0)
{
    Console.Error.WriteLine($"No notebook in {Repository.NotebooksFolder} matches {string.Join(", ", names)}.");
    return 2;
}

if (flags.Contains("--clean") || flags.Contains("--check"))
{
    bool check = flags.Contains("--check");
    int dirty = 0;
    foreach (string path in notebooks)
    {
        string text = File.ReadAllText(path), clean = NotebookFormat.Clean(text);
        if (check && TwinGenerator.IsStale(path))
        {
            dirty++;
            Console.Error.WriteLine($"{Path.GetFileName(TwinGenerator.TwinPath(path))} is missing or stale: run with --twins.");
        }
        if (text == clean) continue;
        dirty++;
        if (check) Console.Error.WriteLine($"{Path.GetFileName(path)} is not clean: run with --clean.");
        else { File.WriteAllText(path, clean); Console.WriteLine($"cleaned {Path.GetFileName(path)}"); }
    }
    if (!check) Console.WriteLine($"{notebooks.Length} notebook(s), {dirty} cleaned.");
    return check && dirty > 0 ? 1 : 0;
}

if (flags.Contains("--twins"))
{
    foreach (string path in notebooks)
    {
        string twin = TwinGenerator.TwinPath(path);
        File.WriteAllText(twin, TwinGenerator.Generate(path));
        Console.WriteLine($"wrote {Path.GetRelativePath(Repository.Root, twin)}");
    }
    return 0;
}

Directory.CreateDirectory(Repository.ArtifactsFolder);
int failures = 0;
foreach (string path in notebooks)
{
    Console.WriteLine($"{Path.GetFileName(path)}");
    var run = await NotebookRunner.RunAsync(path, cell =>
        Console.WriteLine($"  cell {cell.Number,3} {(cell.Failed ? "FAILED" : "ok    ")} {cell.Elapsed.TotalSeconds,6:F1} s"));
    string stem = Path.Combine(Repository.ArtifactsFolder, Path.GetFileNameWithoutExtension(path));
    File.WriteAllText(stem + ".ipynb", NotebookFormat.Executed(run));
    File.WriteAllText(stem + ".html", HtmlPage.Render(run));
    Console.WriteLine($"  {run.ChartCount} chart(s), {run.Elapsed.TotalSeconds:F1} s -> {Path.GetRelativePath(Repository.Root, stem)}.ipynb / .html");
    if (!run.Succeeded)
    {
        failures++;
        Console.Error.WriteLine(run.DescribeFailure());
    }
}
Console.WriteLine(failures == 0 ? $"All {notebooks.Length} notebook(s) ran." : $"{failures} of {notebooks.Length} notebook(s) failed.");
return failures == 0 ? 0 : 1;
