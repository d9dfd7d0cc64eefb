namespace LiveRelay.Logging;

/// <summary>Settings under <c>LiveRelay:Logging</c>: what is kept out of every log line, whichever host or provider writes it.</summary>
public sealed class LogSafetyOptions
{
    public const string SectionName = "LiveRelay:Logging";

    /// <summary>The function key's query parameter; always redacted.</summary>
    public const string FunctionKeyParameter = "code";

    /// <summary>More query parameters whose values are secrets (e.g. a sender that puts a token in the URL), besides <c>code</c>.</summary>
    public List<string> SecretQueryParameters { get; } = [];
}
