using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace LiveRelay.IntegrationTests.Infrastructure;

/// <summary>
/// A logging provider that keeps every entry at or above a level, with what any real provider could write: the
/// formatted message, the exception, every structured value and every scope (so a secret hidden in a template argument
/// or a scope is found too).
/// </summary>
public sealed class LogCapture(LogLevel minimumLevel = LogLevel.Warning) : ILoggerProvider, ISupportExternalScope
{
    private const int MaxEntries = 200_000;

    private readonly ConcurrentQueue<CapturedLog> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public LogLevel MinimumLevel { get; } = minimumLevel;

    public IReadOnlyCollection<CapturedLog> Entries => _entries;

    /// <summary>Warnings and errors, one per line: for failure messages.</summary>
    public string Problems() =>
        string.Join('\n', _entries.Where(static e => e.Level >= LogLevel.Warning).Take(50));

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private void Add(CapturedLog entry)
    {
        if (_entries.Count < MaxEntries)
        {
            _entries.Enqueue(entry);
        }
    }

    private static void AddValues(List<string> into, object? state)
    {
        if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            foreach (var (key, value) in pairs)
            {
                into.Add($"{key}={Text(value)}");
            }
        }
        else if (state is not null)
        {
            into.Add(Text(state));
        }
    }

    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        IEnumerable items => string.Join(",", items.Cast<object?>().Select(Text)),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private sealed class CapturingLogger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner.MinimumLevel && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var values = new List<string>();
            AddValues(values, state);
            var scopes = new List<string>();
            owner._scopes.ForEachScope(
                static (scope, list) =>
                {
                    list.Add(scope?.ToString() ?? string.Empty);
                    AddValues(list, scope);
                },
                scopes);
            owner.Add(new CapturedLog(category, logLevel, formatter(state, exception), exception?.ToString(), values, scopes));
        }
    }
}
