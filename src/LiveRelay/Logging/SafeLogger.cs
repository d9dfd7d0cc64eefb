using Microsoft.Extensions.Logging;

namespace LiveRelay.Logging;

/// <summary>Passes every entry and scope through <see cref="LogTextSanitizer"/> on its way to the real logger.</summary>
internal sealed class SafeLogger(ILogger inner, LogTextSanitizer sanitizer) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => state switch
        {
            IEnumerable<KeyValuePair<string, object?>> values => inner.BeginScope(new SafeScopeState(values, sanitizer)),
            string text => inner.BeginScope(sanitizer.Sanitize(text)),
            _ => inner.BeginScope(state),
        };

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        var message = sanitizer.Sanitize(formatter(state, exception) ?? string.Empty);
        var values = state is IReadOnlyList<KeyValuePair<string, object?>> structured ? SafeLogState.Sanitize(structured, sanitizer) : [];
        inner.Log(logLevel, eventId, new SafeLogState(values, message), exception, static (s, _) => s.Message);
    }
}
