using Microsoft.Extensions.Logging;

namespace LiveRelay.Logging;

/// <summary>
/// The app's <see cref="ILoggerFactory"/>, wrapped so that every logger it makes, ours and the framework's (ASP.NET
/// Core's "Request starting" line with its query string, Kestrel's, the Functions worker's), writes sanitized text to
/// every provider. Filtering a category out would depend on log-level settings that anyone can change; this does not.
/// </summary>
internal sealed class SafeLoggerFactory(ILoggerFactory inner, LogTextSanitizer sanitizer) : ILoggerFactory
{
    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public ILogger CreateLogger(string categoryName) => new SafeLogger(inner.CreateLogger(categoryName), sanitizer);

    public void Dispose() => inner.Dispose();
}
