using System.Text;
using System.Text.RegularExpressions;

namespace LiveRelay.Logging;

/// <summary>
/// Makes text safe to write to a log: the values of secret-bearing query parameters (<c>code</c>, the function key, and
/// any configured in <see cref="LogSafetyOptions.SecretQueryParameters"/>) become <c>[redacted]</c>, and CR and LF are
/// escaped so that a value from a request (a route value, a header, a path) cannot start a forged log line.
/// </summary>
public sealed class LogTextSanitizer
{
    public const string Redacted = "[redacted]";

    private readonly Regex? _secretParameters;

    public LogTextSanitizer(IEnumerable<string> secretQueryParameters)
    {
        ArgumentNullException.ThrowIfNull(secretQueryParameters);
        var names = secretQueryParameters.Where(static n => !string.IsNullOrWhiteSpace(n)).Select(static n => Regex.Escape(n.Trim())).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (names.Count > 0)
        {
            // A parameter is found after ? or & (or their encoded forms), its value runs to the next & # or whitespace.
            _secretParameters = new Regex(
                $@"(?<=(?:[?&]|%3F|%26)(?:{string.Join('|', names)})(?:=|%3D))[^&#\s]*",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled,
                TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>The text, or the same instance when nothing needed changing.</summary>
    public string Sanitize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_secretParameters is not null && (text.Contains('=', StringComparison.Ordinal) || text.Contains("%3D", StringComparison.OrdinalIgnoreCase)))
        {
            text = _secretParameters.Replace(text, Redacted);
        }

        return text.AsSpan().IndexOfAny('\r', '\n') < 0 ? text : EscapeLineBreaks(text);
    }

    private static string EscapeLineBreaks(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\r' => builder.Append("\\r"),
                '\n' => builder.Append("\\n"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }
}
