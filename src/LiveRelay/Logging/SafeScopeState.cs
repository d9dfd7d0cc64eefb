using System.Collections;

namespace LiveRelay.Logging;

/// <summary>
/// A structured scope's state, sanitized when something first reads it. Most scopes are never read (the framework
/// opens one per request and per connection, and no provider includes scopes unless configured to), so formatting and
/// sanitizing each as it opens cost every request for nothing. Read later, it holds what the unwrapped state would.
/// </summary>
internal sealed class SafeScopeState(IEnumerable<KeyValuePair<string, object?>> state, LogTextSanitizer sanitizer) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private SafeLogState? _safe;

    public int Count => Safe.Count;

    // Two readers at once may both build it: the results are equal, and either may be kept.
    private SafeLogState Safe => _safe ??= new SafeLogState(
        SafeLogState.Sanitize(state as IReadOnlyList<KeyValuePair<string, object?>> ?? [.. state], sanitizer),
        sanitizer.Sanitize(state.ToString() ?? string.Empty));

    public KeyValuePair<string, object?> this[int index] => Safe[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => Safe.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Safe.Message;
}
