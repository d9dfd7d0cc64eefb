namespace LiveRelay.Intake.Configuration;

/// <summary>
/// Every webhook and queue-event source, bound from <c>LiveRelay:Sources:&lt;name&gt;</c>. Sources are configuration:
/// adding one needs no rebuild. The format is documented in docs/configuration.md ("Webhook sources").
/// </summary>
public sealed class SourcesOptions
{
    public const string SectionName = "LiveRelay:Sources";

    /// <summary>The source name used by the normalized <c>/api/messages</c> endpoint; it cannot be configured.</summary>
    public const string ApiSourceName = "api";

    /// <summary>Sources by name (compared without regard to case, as configuration keys are).</summary>
    public Dictionary<string, SourceOptions> Sources { get; } = new(StringComparer.OrdinalIgnoreCase);
}
