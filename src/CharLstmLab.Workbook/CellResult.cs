using Microsoft.DotNet.Interactive.Documents;

namespace CharLstmLab.Workbook;

/// <summary>What one code cell did: its place in the notebook, its code, what it showed, and the error if it failed.</summary>
public sealed record CellResult(int Number, string Id, string Code, IReadOnlyList<InteractiveDocumentOutputElement> Outputs, string? Error,
    TimeSpan Elapsed)
{
    public bool Failed => Error is not null;
}
