using CharLstmLab.Text;

namespace CharLstmLab.Tests;

static class TestData
{
    public const string Markdown = """
        # Notes on kettles

        A kettle boils water. A *good* kettle boils water **quickly**.

        - fill the kettle
        - switch it on
        - wait for the click

        ## Table

        | kettle | minutes |
        |--------|---------|
        | small  | 2       |
        | large  | 4       |

        ```bash
        kettle --boil --cups 2
        ```

        > Tea is patience in a cup.

        """;

    public static Corpus Corpus => Corpus.FromText(string.Concat(Enumerable.Repeat(Markdown, 4)));

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CharLstmLab.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("CharLstmLab.sln not found above the test folder.");
        }
    }

    public static string TempFile(string name) => Path.Combine(Directory.CreateTempSubdirectory("charlstm-").FullName, name);
}
