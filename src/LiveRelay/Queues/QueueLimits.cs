namespace LiveRelay.Queues;

/// <summary>Azure Queue Storage limits, enforced the same way by every <see cref="IMessageQueue"/>.</summary>
public static class QueueLimits
{
    /// <summary>UTF-8 bytes of one message's text.</summary>
    public const int MaxMessageBytes = 64 * 1024;

    public const int MaxMessagesPerReceive = 32;

    public static readonly TimeSpan MaxVisibilityTimeout = TimeSpan.FromDays(7);

    public static readonly TimeSpan DefaultTimeToLive = TimeSpan.FromDays(7);
}
