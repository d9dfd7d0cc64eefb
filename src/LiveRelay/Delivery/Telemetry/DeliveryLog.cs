using Microsoft.Extensions.Logging;

namespace LiveRelay.Delivery.Telemetry;

/// <summary>
/// Delivery's log lines. They name the operation, codes, ids and timings; never a message's content (its
/// Data, Body or SenderInfo) and never a credential.
/// </summary>
internal static partial class DeliveryLog
{
    private static readonly Func<ILogger, string, string, string, IDisposable?> EnvelopeScope =
        LoggerMessage.DefineScope<string, string, string>("Envelope {EnvelopeId} of event {EventId} from {Source}");

    /// <summary>Every line logged inside carries the envelope's id, event id and source.</summary>
    public static IDisposable? BeginEnvelopeScope(ILogger logger, string envelopeId, string eventId, string source) =>
        EnvelopeScope(logger, envelopeId, eventId, source);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "{Operation} delivered: RequestId {RequestId}, message id {MessageId}, {Attempts} attempt(s) in {ElapsedMs:0} ms")]
    public static partial void Delivered(ILogger logger, string operation, string requestId, string? messageId, int attempts, double elapsedMs);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "{Operation} throttled by the Live API ({Code}); pacing now {Rate:0.###} calls/s, API asked to wait {RetryAfterMs} ms")]
    public static partial void Throttled(ILogger logger, string operation, string code, double rate, double? retryAfterMs);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "{Operation} attempt {Attempt} failed with {Code} ({Kind}); retrying in {DelayMs:0} ms")]
    public static partial void Retrying(ILogger logger, string operation, int attempt, string code, string kind, double delayMs);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "{Operation} was refused as unauthenticated ({Code}); refreshing the credential and trying once more")]
    public static partial void RefreshingCredential(ILogger logger, string operation, string code);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Error, Message = "{Operation}: the credential could not be refreshed")]
    public static partial void CredentialRefreshFailed(ILogger logger, string operation, Exception exception);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Warning, Message = "{Operation} rejected for good: {Code}: {Reason} ({Attempts} attempt(s), RequestId {RequestId})")]
    public static partial void RejectedForGood(ILogger logger, string operation, string code, string reason, int attempts, string? requestId);

    [LoggerMessage(EventId = 5107, Level = LogLevel.Warning, Message = "{Operation} not delivered yet: {Code}: {Reason}; try again in {DelayMs:0} ms ({Attempts} attempt(s))")]
    public static partial void NotDeliveredYet(ILogger logger, string operation, string code, string reason, double delayMs, int attempts);

    [LoggerMessage(EventId = 5108, Level = LogLevel.Error, Message = "{Operation} failed unexpectedly after {Attempts} attempt(s)")]
    public static partial void Unexpected(ILogger logger, string operation, int attempts, Exception exception);

    [LoggerMessage(EventId = 5109, Level = LogLevel.Debug, Message = "{Operation} not sent: no pacing turn within the time a message may be held; handed back to come again in {DelayMs:0} ms")]
    public static partial void HandedBack(ILogger logger, string operation, double delayMs);

    [LoggerMessage(EventId = 5120, Level = LogLevel.Warning, Message = "A queue message of {Length} characters is not a readable envelope and is rejected for good: {Reason}")]
    public static partial void EnvelopeUnreadable(ILogger logger, int length, string reason);

    [LoggerMessage(EventId = 5121, Level = LogLevel.Debug, Message = "Dispatching a {Kind} message created at {CreatedAt:o}")]
    public static partial void Dispatching(ILogger logger, string kind, DateTimeOffset createdAt);

    [LoggerMessage(EventId = 5122, Level = LogLevel.Information, Message = "Direct delivery of {Count} envelope(s): {Delivered} delivered, {RetryLater} to retry later, {Rejected} rejected for good")]
    public static partial void DirectDeliveryDone(ILogger logger, int count, int delivered, int retryLater, int rejected);
}
