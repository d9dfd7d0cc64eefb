using System.Globalization;
using System.Text;
using System.Text.Json;
using LiveRelay.Queues;
using LiveRelay.Queues.Processing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveRelay.Hosting;

/// <summary>
/// What the Functions app's queue triggers do with a <see cref="RelayService"/> verdict, so that they settle messages
/// as the standalone host's <see cref="QueueProcessor"/> does. The runtime only knows "returned" (delete) and "threw"
/// (retry after host.json <c>visibilityTimeout</c>, then park the message as it was after <c>maxDequeueCount</c>
/// attempts). So a message that failed for good is written to <c>&lt;queue&gt;-poison</c> through an output binding, in
/// the <see cref="PoisonMessageSerializer"/> format with its reason, and the function returns normally: no attempts are
/// wasted on it. A retry on the last attempt is parked the same way, with its reason, instead of being thrown. A message
/// handed back untried (no pacing turn soon enough) is enqueued again with a visibility delay and the function returns
/// normally, so the runtime deletes the original: waiting for a turn never counts as a dequeue.
/// </summary>
public sealed partial class QueueTriggerSettlement
{
    /// <summary>The trigger metadata names the Functions host gives a queue message (binding data, case-insensitive).</summary>
    public const string IdKey = "Id";

    public const string DequeueCountKey = "DequeueCount";

    public const string InsertionTimeKey = "InsertionTime";

    private readonly HostJsonQueueOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<QueueTriggerSettlement> _logger;
    private readonly IMessageQueueFactory _queues;

    public QueueTriggerSettlement(IOptions<HostJsonQueueOptions> options, TimeProvider timeProvider, ILogger<QueueTriggerSettlement> logger, IMessageQueueFactory queues)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _queues = queues ?? throw new ArgumentNullException(nameof(queues));
    }

    /// <summary>
    /// The triggering message: its content (the binding has decoded it per <c>messageEncoding</c>) and the metadata the
    /// host sends as binding data (<c>FunctionContext.BindingContext.BindingData</c>). Metadata that is missing or
    /// unreadable never fails the message: the id is then empty, the attempt the first, the insertion time unknown
    /// (<see cref="DateTimeOffset.MinValue"/>).
    /// </summary>
    public IncomingQueueMessage Read(string queueName, string content, IReadOnlyDictionary<string, object?>? bindingData)
    {
        QueueNames.Validate(queueName, nameof(queueName));
        ArgumentNullException.ThrowIfNull(content);
        var id = Find(bindingData, IdKey) is { } rawId ? AsText(rawId) : null;
        var dequeueCount = Find(bindingData, DequeueCountKey) is { } rawCount && TryReadCount(rawCount, out var count) ? count : 1;
        var insertedOn = Find(bindingData, InsertionTimeKey) is { } rawTime && TryReadTime(rawTime, out var time) ? time : DateTimeOffset.MinValue;
        return new IncomingQueueMessage(queueName, id ?? string.Empty, dequeueCount, _options.MaxDequeueCount, insertedOn, content, content);
    }

    /// <summary>
    /// Settles <paramref name="message"/> by <paramref name="disposition"/>: returns the poison message to write to
    /// <c>&lt;queue&gt;-poison</c> (then the function must return normally), or null when the message is done (or handed
    /// back: a copy was enqueued to come again later).
    /// </summary>
    /// <exception cref="QueueTriggerRetryException">The message is to be retried: let it escape, so the runtime makes the message visible again.</exception>
    public async Task<string?> SettleAsync(IncomingQueueMessage message, QueueMessageDisposition disposition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(disposition);
        switch (disposition.Outcome)
        {
            case QueueMessageOutcome.Completed:
                return null;
            case QueueMessageOutcome.Deferred:
                var delay = disposition.Delay ?? _options.VisibilityTimeout;
                try
                {
                    var copy = QueueMessageCodec.Encode(message.Body, _options.MessageEncoding);
                    await _queues.GetQueue(message.QueueName).SendAsync(copy, delay, cancellationToken: cancellationToken).ConfigureAwait(false);
                    LogHandedBack(_logger, message.QueueName, message.MessageId, delay.TotalSeconds);
                    return null;
                }
                catch (MessageQueueException ex)
                {
                    // Not handed back: the runtime retries it instead (an attempt used, nothing lost).
                    LogHandBackFailed(_logger, ex, message.QueueName, message.MessageId);
                    return await SettleAsync(message, QueueMessageDisposition.Retry(disposition.Reason!, delay, disposition.Code), cancellationToken).ConfigureAwait(false);
                }
            case QueueMessageOutcome.Retry when message.IsLastAttempt:
                return Park(
                    message,
                    $"{disposition.Reason} (gave up after {message.DequeueCount} attempts; maxDequeueCount {message.MaxDequeueCount}).",
                    disposition.Code ?? "RetriesExhausted");
            case QueueMessageOutcome.Retry:
                LogRetrying(_logger, message.QueueName, message.MessageId, message.DequeueCount, _options.VisibilityTimeout.TotalSeconds, disposition.Reason);
                throw new QueueTriggerRetryException(message.QueueName, message.MessageId, disposition.Reason ?? "Retry requested.", disposition.Code);
            default:
                return Park(message, disposition.Reason!, disposition.Code!);
        }
    }

    private string Park(IncomingQueueMessage message, string reason, string code)
    {
        var poison = new PoisonMessage(
            reason, code, message.DequeueCount, _timeProvider.GetUtcNow(), message.QueueName, message.MessageId, message.InsertedOn, message.Body);
        var content = PoisonMessageSerializer.Serialize(poison);
        var poisonQueue = QueueNames.PoisonQueueFor(message.QueueName);
        LogPoisoned(_logger, message.QueueName, message.MessageId, message.DequeueCount, code, reason, poisonQueue);

        // The output binding encodes what it writes; the encoded text must fit in one queue message. Like the runtime,
        // park the original content when the wrapped one would not fit (the reason is in the log line above).
        if (Encoding.UTF8.GetByteCount(QueueMessageCodec.Encode(content, _options.MessageEncoding)) <= QueueLimits.MaxMessageBytes)
        {
            return content;
        }

        LogPoisonTooLarge(_logger, message.QueueName, message.MessageId);
        return message.Body;
    }

    private static object? Find(IReadOnlyDictionary<string, object?>? data, string key)
    {
        if (data is null)
        {
            return null;
        }

        if (data.TryGetValue(key, out var value))
        {
            return value;
        }

        foreach (var (name, candidate) in data)
        {
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        return null;
    }

    // The host sends strings as they are and other values as JSON text (a date arrives quoted), depending on its
    // version; accept both, and typed values too.
    private static string? AsText(object value) => value switch
    {
        string text => Unquote(text),
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
        JsonElement element => element.GetRawText(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static bool TryReadCount(object value, out long count)
    {
        switch (value)
        {
            case long l:
                count = l;
                break;
            case int i:
                count = i;
                break;
            default:
                if (!long.TryParse(AsText(value), NumberStyles.Integer, CultureInfo.InvariantCulture, out count))
                {
                    return false;
                }

                break;
        }

        return count >= 1;
    }

    private static bool TryReadTime(object value, out DateTimeOffset time)
    {
        switch (value)
        {
            case DateTimeOffset offset:
                time = offset;
                return true;
            case DateTime dateTime:
                time = dateTime.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(dateTime, TimeSpan.Zero) : new DateTimeOffset(dateTime);
                return true;
            default:
                return DateTimeOffset.TryParse(
                    AsText(value), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out time);
        }
    }

    private static string Unquote(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length < 2 || trimmed[0] != '"' || trimmed[^1] != '"')
        {
            return text;
        }

        try
        {
            return JsonSerializer.Deserialize<string>(trimmed) ?? text;
        }
        catch (JsonException)
        {
            return text;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue {Queue}: message {MessageId} (attempt {Attempt}) is handed back to the runtime, to retry in {DelaySeconds:0.#} s: {Reason}")]
    private static partial void LogRetrying(ILogger logger, string queue, string messageId, long attempt, double delaySeconds, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: message {MessageId} (attempt {Attempt}) moved to {PoisonQueue}: {Code}: {Reason}")]
    private static partial void LogPoisoned(ILogger logger, string queue, string messageId, long attempt, string code, string reason, string poisonQueue);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Queue {Queue}: message {MessageId} handed back untried, to come again in {DelaySeconds:0.#} s")]
    private static partial void LogHandedBack(ILogger logger, string queue, string messageId, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: message {MessageId} could not be handed back (re-enqueued); it is retried instead")]
    private static partial void LogHandBackFailed(ILogger logger, Exception exception, string queue, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: message {MessageId} with its reason would exceed 64 KiB; it is parked as it was")]
    private static partial void LogPoisonTooLarge(ILogger logger, string queue, string messageId);
}
