using System.Diagnostics;

namespace LiveRelay.Intake.Input;

/// <summary>The W3C traceparent envelopes carry, so delivery continues the trace the request started.</summary>
internal static class TraceContext
{
    public const string HeaderName = "traceparent";

    /// <summary>The current activity's id when it is W3C; otherwise the given traceparent when well-formed; otherwise null.</summary>
    public static string? Resolve(string? traceParent)
    {
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } id })
        {
            return id;
        }

        return IsValid(traceParent) ? traceParent : null;
    }

    // version "00", 32 hex trace id, 16 hex parent id, 2 hex flags: 55 characters.
    public static bool IsValid(string? value) =>
        value is { Length: 55 } && value[2] == '-' && value[35] == '-' && value[52] == '-'
        && IsHex(value.AsSpan(0, 2)) && IsHex(value.AsSpan(3, 32)) && IsHex(value.AsSpan(36, 16)) && IsHex(value.AsSpan(53, 2));

    private static bool IsHex(ReadOnlySpan<char> text) => !text.ContainsAnyExcept("0123456789abcdef");
}
