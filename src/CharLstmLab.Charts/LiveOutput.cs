using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace CharLstmLab.Charts;

/// <summary>
/// A notebook output that is redrawn in place, such as a loss chart updated after every iteration.
/// <para>
/// Why not <c>display(x).Update(y)</c>: in kernel 1.0.712001 <c>display</c> returns a handle whose id
/// differs from the output it produced, so its first update adds a second output. This handle
/// publishes its first display itself, under its own id, so every update replaces that one output:
/// in Polyglot Notebooks, and in Jupyter front ends, which drop an update whose display id no
/// output has.
/// </para>
/// Only for use inside a notebook cell (the kernel turns the updates into outputs).
/// </summary>
public sealed class LiveOutput
{
    readonly DisplayedValue shown;

    public LiveOutput(object initial)
    {
        shown = new DisplayedValue(initial, FormattedValue.CreateManyFromObject(initial));
        var context = KernelInvocationContext.Current ?? throw new InvalidOperationException("LiveOutput shows a value only inside a notebook cell.");
        context.Publish(new DisplayedValueProduced(initial, context.Command, shown.FormattedValues, shown.DisplayId));
    }

    public void Update(object value) => shown.Update(value);
}
