using Microsoft.Extensions.Logging;

namespace LiveRelay.IntegrationTests.Infrastructure;

/// <summary>One log entry with everything a logging provider could see: message, exception, structured values, scopes.</summary>
public sealed record CapturedLog(
    string Category,
    LogLevel Level,
    string Message,
    string? Exception,
    IReadOnlyList<string> StateValues,
    IReadOnlyList<string> Scopes)
{
    /// <summary>All of it as text, for searching.</summary>
    public string AllText => string.Join('\n', [Category, Message, Exception ?? string.Empty, .. StateValues, .. Scopes]);

    public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? string.Empty : " " + Exception)}";
}
