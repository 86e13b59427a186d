using Microsoft.DotNet.Interactive.Formatting;

namespace CharLstmLab.Charts;

/// <summary>
/// A notebook output that is redrawn in place, such as a loss chart updated after every iteration.
/// <para>
/// Why not <c>display(x).Update(y)</c>: in kernel 1.0.712001 <c>display</c> returns a handle whose id
/// differs from the output it produced, so its first update adds a second output. This handle is
/// shown through its own first update, so every later update finds and replaces that one output.
/// </para>
/// Only for use inside a notebook cell (the kernel turns the updates into outputs).
/// </summary>
public sealed class LiveOutput
{
    readonly DisplayedValue shown;

    public LiveOutput(object initial)
    {
        shown = new DisplayedValue(initial, FormattedValue.CreateManyFromObject(initial));
        shown.Update(initial);
    }

    public void Update(object value) => shown.Update(value);
}
