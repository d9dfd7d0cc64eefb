namespace LiveRelay.Queues.Processing;

/// <summary>Settings under <c>LiveRelay:Queues</c>: what host.json does not say about running a queue processor.</summary>
public sealed class QueueProcessingOptions
{
    public const string SectionName = "LiveRelay:Queues";

    /// <summary>
    /// How long a stopping processor lets messages in flight finish before it cancels their handlers and makes them
    /// visible again. Keep it below the host's shutdown timeout (30 seconds by default). Default 20 seconds.
    /// </summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long a received message stays invisible while its handler runs; renewed at half-time, as the Functions
    /// runtime does with its 10-minute lease. Default 10 minutes.
    /// </summary>
    public TimeSpan MessageLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>One call's time limit against Azure Queue Storage (each try of the SDK's retries: its <c>NetworkTimeout</c>). Default 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
