using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace LiveRelay.Tests.Secrets.Support;

/// <summary>
/// Keeps every log entry at every level: the formatted message, each structured value, the exception with its
/// inner exceptions and stack, and the scopes it was written in.
/// </summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<CapturedLog> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    /// <summary>Everything captured, as one text to search.</summary>
    public string AllText() => string.Join('\n', Entries.Select(static e => e.FullText));

    public IEnumerable<CapturedLog> At(LogLevel level) => Entries.Where(e => e.Level == level);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new StringBuilder();
            var message = formatter(state, exception);
            text.Append(message);
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    // Structured values reach sinks that serialize them: lists are written out item by item.
                    text.Append(" | ").Append(key).Append('=').Append(value is System.Collections.IEnumerable list and not string
                        ? string.Join(", ", list.Cast<object?>())
                        : value);
                }
            }

            owner._scopes.ForEachScope(static (scope, builder) => builder.Append(" | scope: ").Append(scope), text);
            if (exception is not null)
            {
                text.Append(" | exception: ").Append(exception);
            }

            owner.Entries.Enqueue(new CapturedLog(category, logLevel, message, text.ToString()));
        }
    }
}
