using Microsoft.Extensions.Logging;

namespace LiveRelay.Queues.Processing;

public sealed partial class QueueProcessor
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Queue {Queue}: processing with batchSize {BatchSize}, newBatchThreshold {Threshold}, maxDequeueCount {MaxDequeueCount}")]
    private static partial void LogStarting(ILogger logger, string queue, int batchSize, int threshold, int maxDequeueCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue {Queue}: stopped (peak in flight {Peak})")]
    private static partial void LogStopped(ILogger logger, string queue, int peak);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: could not be created or reached; trying again in {DelaySeconds:0.#} s")]
    private static partial void LogQueueUnavailable(ILogger logger, string queue, double delaySeconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: receive failed; polling again in {DelaySeconds:0.#} s")]
    private static partial void LogReceiveFailed(ILogger logger, string queue, double delaySeconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Queue {Queue}: message {MessageId} could not be settled; it comes back when its lease ends")]
    private static partial void LogSettleFailed(ILogger logger, string queue, string messageId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: the handler failed on message {MessageId} (attempt {Attempt})")]
    private static partial void LogHandlerFailed(ILogger logger, string queue, string messageId, long attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue {Queue}: message {MessageId} (attempt {Attempt}) retries in {DelaySeconds:0.#} s: {Reason}")]
    private static partial void LogRetrying(ILogger logger, string queue, string messageId, long attempt, double delaySeconds, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: message {MessageId} (attempt {Attempt}) moved to {PoisonQueue}: {Code}: {Reason}")]
    private static partial void LogPoisoned(ILogger logger, string queue, string messageId, long attempt, string code, string reason, string poisonQueue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: message {MessageId} with its reason would exceed 64 KiB; it is parked as it was")]
    private static partial void LogPoisonTooLarge(ILogger logger, string queue, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: lease on message {MessageId} was lost (received again elsewhere or deleted)")]
    private static partial void LogLeaseLost(ILogger logger, string queue, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: lease renewal for message {MessageId} failed; trying again")]
    private static partial void LogLeaseRenewalFailed(ILogger logger, string queue, string messageId, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Queue {Queue}: could not {Action} message {MessageId} ({Code}): someone else has it now")]
    private static partial void LogMessageGone(ILogger logger, string queue, string messageId, string action, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: message {MessageId} could not be released; it comes back when its lease ends")]
    private static partial void LogReleaseFailed(ILogger logger, string queue, string messageId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue {Queue}: stopping; waiting up to {GraceSeconds:0.#} s for {Count} messages in flight")]
    private static partial void LogDraining(ILogger logger, string queue, int count, double graceSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: grace period over; released {Count} unfinished messages")]
    private static partial void LogReleasingUnfinished(ILogger logger, string queue, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: some handlers ignored cancellation and are still running")]
    private static partial void LogHandlersStillRunning(ILogger logger, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: message {MessageId} could not be handed back (re-enqueued); it is retried instead")]
    private static partial void LogHandBackFailed(ILogger logger, string queue, string messageId, Exception exception);
}
