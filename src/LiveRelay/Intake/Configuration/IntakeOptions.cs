namespace LiveRelay.Intake.Configuration;

/// <summary>Settings under <c>LiveRelay:Intake</c>: limits for every incoming event, and how <c>/api/messages</c> delivers.</summary>
public sealed class IntakeOptions
{
    public const string SectionName = "LiveRelay:Intake";

    /// <summary>The largest request body accepted (413 beyond). Hosts also stop reading a body at this size.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The most message requests one incoming request may produce (a batch counts as one request).</summary>
    public int MaxMessagesPerEvent { get; set; } = 10_000;

    /// <summary>
    /// The most bytes of message content one incoming request may produce: the UTF-8 length of every parameter value of
    /// every message it maps to (413 beyond). A fan-out copies content into each message, so a small event can ask for a
    /// great deal; this bounds the memory one request can take.
    /// </summary>
    public int MaxBytesPerEvent { get; set; } = 16 * 1024 * 1024;

    /// <summary>How requests posted to <c>/api/messages</c> (source name <c>api</c>) are delivered: <c>queued</c> (default) or <c>direct</c>.</summary>
    public string ApiDelivery { get; set; } = "queued";
}
