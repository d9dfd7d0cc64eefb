using Microsoft.Extensions.Logging;

namespace LiveRelay.Tests.Secrets.Support;

/// <summary>One log entry; <see cref="FullText"/> holds the message, structured values, scopes and exception.</summary>
internal sealed record CapturedLog(string Category, LogLevel Level, string Message, string FullText);
