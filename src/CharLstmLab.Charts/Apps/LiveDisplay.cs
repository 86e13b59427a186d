namespace CharLstmLab.Charts.Apps;

/// <summary>
/// The twin's stand-in for <see cref="LiveOutput"/>: an app has no output to redraw, so the page
/// keeps the last value shown (a live loss chart ends as the final chart).
/// </summary>
public sealed class LiveDisplay
{
    readonly Action<object> replace;

    internal LiveDisplay(Action<object> replace) => this.replace = replace;

    public void Update(object value) => replace(value);
}
