namespace LiveRelay.Queues.Processing;

/// <summary>
/// Implemented by a <see cref="IQueueMessageHandler"/> that can tell when holding more messages would not help: the
/// <see cref="QueueProcessor"/> then fetches no more than that, below its host.json batch settings.
/// </summary>
public interface IQueueHoldLimit
{
    /// <summary>The most messages worth having in flight now, or null for the host.json settings alone.</summary>
    int? HoldLimit { get; }
}
