namespace LiveRelay.Queues.Processing;

/// <summary>
/// host.json <c>extensions.queues</c>, with the Functions runtime's defaults, read by both hosts. In configuration it
/// sits where the Functions host puts it (<see cref="SectionName"/>), so app settings such as
/// <c>AzureFunctionsJobHost__extensions__queues__batchSize</c> override host.json, as they do on Azure.
/// </summary>
public sealed class HostJsonQueueOptions
{
    public const string SectionName = "AzureFunctionsJobHost:extensions:queues";

    /// <summary>The Functions runtime's shortest polling interval.</summary>
    public static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Messages taken per receive (1 to 32). Default 16.</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>A new batch is fetched when the messages in flight drop to this many. Default <see cref="BatchSize"/> / 2.</summary>
    public int? NewBatchThreshold { get; set; }

    /// <summary>Attempts before a failing message moves to <c>&lt;queue&gt;-poison</c>. Default 5.</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>How long a failed message stays invisible before its next attempt. Default 0.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.Zero;

    /// <summary>The longest wait between polls of an empty queue (at least 100 ms). Default 1 minute.</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Default base64.</summary>
    public QueueMessageEncoding MessageEncoding { get; set; } = QueueMessageEncoding.Base64;

    public int EffectiveNewBatchThreshold => NewBatchThreshold ?? BatchSize / 2;

    /// <summary>The most messages one processor has in flight: batchSize + newBatchThreshold.</summary>
    public int MaxMessagesInFlight => BatchSize + EffectiveNewBatchThreshold;
}
