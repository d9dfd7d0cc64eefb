using Microsoft.Extensions.Logging;

namespace LiveRelay.Tests.Delivery.Support;

/// <summary>One log line: its level, event, rendered text, structured values and the values of every scope around it.</summary>
internal sealed record CapturedLog(
    string Category,
    LogLevel Level,
    EventId EventId,
    string Text,
    IReadOnlyDictionary<string, object?> Values,
    IReadOnlyDictionary<string, object?> Scope,
    Exception? Exception);
