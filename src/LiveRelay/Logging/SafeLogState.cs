using System.Collections;

namespace LiveRelay.Logging;

/// <summary>A structured log state whose string values, and the formatted message, have been through <see cref="LogTextSanitizer"/>.</summary>
internal sealed class SafeLogState(IReadOnlyList<KeyValuePair<string, object?>> values, string message) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public string Message { get; } = message;

    public int Count => values.Count;

    public KeyValuePair<string, object?> this[int index] => values[index];

    public static IReadOnlyList<KeyValuePair<string, object?>> Sanitize(IReadOnlyList<KeyValuePair<string, object?>> state, LogTextSanitizer sanitizer)
    {
        KeyValuePair<string, object?>[]? copy = null;
        for (var i = 0; i < state.Count; i++)
        {
            var (key, value) = state[i];
            var text = value switch
            {
                string s => s,
                Uri uri => uri.OriginalString,
                _ => null,
            };
            if (text is null)
            {
                continue;
            }

            var safe = sanitizer.Sanitize(text);
            if (!ReferenceEquals(safe, text) || value is Uri)
            {
                copy ??= [.. state];
                copy[i] = new KeyValuePair<string, object?>(key, safe);
            }
        }

        return copy ?? state;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Message;
}
