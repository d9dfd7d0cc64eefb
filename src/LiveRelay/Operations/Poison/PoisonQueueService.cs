using LiveRelay.Queues;
using LiveRelay.Queues.Processing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveRelay.Operations.Poison;

/// <summary>
/// Lists, shows and replays the messages parked in <c>live-events-poison</c> and <c>live-messages-poison</c>.
/// <list type="bullet">
/// <item>A list is a peek: read-only, at most 32 messages (the service's limit), with the queue's approximate count.</item>
/// <item>Finding one message beyond those (show, replay) receives the queue in batches: what does not match stays
/// invisible until the scan ends, then is made visible again at once. Its dequeue count in the poison queue goes up
/// (nothing processes poison queues, so that changes nothing), and if restoring fails it comes back by itself after
/// <see cref="ScanLease"/>.</item>
/// <item>A replay sends the parked content, unchanged, to the queue it came from, and only then deletes it from the
/// poison queue: at least once, never lost. The content keeps its envelope id, so the delivery ledger and
/// <c>MsgTid</c> still stop a second delivery.</item>
/// </list>
/// </summary>
public sealed partial class PoisonQueueService
{
    /// <summary>How long a scan hides what it received.</summary>
    public static readonly TimeSpan ScanLease = TimeSpan.FromSeconds(30);

    /// <summary>The most messages one show or replay receives, so one request stays bounded in time.</summary>
    public const int MaxScan = 1000;

    private readonly IMessageQueueFactory _queues;
    private readonly QueueMessageEncoding _encoding;
    private readonly ILogger _logger;

    public PoisonQueueService(IMessageQueueFactory queues, IOptions<HostJsonQueueOptions> options, ILogger<PoisonQueueService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _queues = queues ?? throw new ArgumentNullException(nameof(queues));
        _encoding = options.Value.MessageEncoding;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The poison queues the admin API works with.</summary>
    public static IReadOnlyList<string> PoisonQueues { get; } =
        [QueueNames.PoisonQueueFor(QueueNames.LiveEvents), QueueNames.PoisonQueueFor(QueueNames.LiveMessages)];

    public static bool IsPoisonQueue(string? name) => name is not null && PoisonQueues.Contains(name, StringComparer.Ordinal);

    /// <param name="top">1 to <see cref="QueueLimits.MaxMessagesPerReceive"/>: how many to peek.</param>
    /// <exception cref="MessageQueueException">The queue could not be read.</exception>
    public async Task<ParkedMessageList> ListAsync(string poisonQueue, PoisonFilter filter, int top = QueueLimits.MaxMessagesPerReceive, CancellationToken cancellationToken = default)
    {
        ThrowIfNotPoisonQueue(poisonQueue);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(top, QueueLimits.MaxMessagesPerReceive);
        var queue = _queues.GetQueue(poisonQueue);
        var original = ParkedMessageReader.OriginalQueueOf(poisonQueue);
        IReadOnlyList<PeekedQueueMessage> peeked;
        int count;
        try
        {
            // Always a full peek, so filters see as many as can be seen; top only shortens the answer.
            peeked = await queue.PeekAsync(QueueLimits.MaxMessagesPerReceive, cancellationToken).ConfigureAwait(false);
            count = await queue.GetApproximateCountAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MessageQueueException ex) when (ex.ErrorCode == QueueErrorCodes.QueueNotFound)
        {
            return new ParkedMessageList(poisonQueue, original, 0, false, []);
        }

        var messages = peeked
            .Select(m => ParkedMessageReader.Read(poisonQueue, m.MessageId, m.InsertedOn, m.DequeueCount, m.Text, _encoding, withContent: false))
            .Where(filter.Matches)
            .ToList();
        var truncated = messages.Count > top || count > peeked.Count;
        return new ParkedMessageList(poisonQueue, original, count, truncated, messages.Take(top).ToList());
    }

    /// <summary>One parked message with its content, or null when the queue holds none of that id.</summary>
    /// <exception cref="MessageQueueException">The queue could not be read.</exception>
    public async Task<ParkedMessage?> GetAsync(string poisonQueue, string id, CancellationToken cancellationToken = default)
    {
        ThrowIfNotPoisonQueue(poisonQueue);
        ArgumentException.ThrowIfNullOrEmpty(id);
        var queue = _queues.GetQueue(poisonQueue);
        try
        {
            var peeked = await queue.PeekAsync(QueueLimits.MaxMessagesPerReceive, cancellationToken).ConfigureAwait(false);
            if (peeked.FirstOrDefault(m => m.MessageId == id) is { } seen)
            {
                return ParkedMessageReader.Read(poisonQueue, seen.MessageId, seen.InsertedOn, seen.DequeueCount, seen.Text, _encoding, withContent: true);
            }
        }
        catch (MessageQueueException ex) when (ex.ErrorCode == QueueErrorCodes.QueueNotFound)
        {
            return null;
        }

        ParkedMessage? found = null;
        await ScanAsync(poisonQueue, queue, m => m.Id == id, stopAtFirst: true, (received, parked) =>
        {
            found = ParkedMessageReader.Read(poisonQueue, received.MessageId, received.InsertedOn, received.DequeueCount, received.Text, _encoding, withContent: true);
            return Task.FromResult<PoisonReplayResult?>(null);
        }, cancellationToken).ConfigureAwait(false);
        return found;
    }

    /// <summary>Replays one message; null when the queue holds none of that id.</summary>
    /// <exception cref="MessageQueueException">The poison queue could not be read.</exception>
    public async Task<PoisonReplayReport?> ReplayAsync(string poisonQueue, string id, CancellationToken cancellationToken = default)
    {
        ThrowIfNotPoisonQueue(poisonQueue);
        ArgumentException.ThrowIfNullOrEmpty(id);
        var report = await ReplayWhereAsync(poisonQueue, m => m.Id == id, stopAtFirst: true, cancellationToken).ConfigureAwait(false);
        return report.Results.Count == 0 ? null : report;
    }

    /// <summary>Replays every message the filter matches (up to <see cref="MaxScan"/> received per call).</summary>
    /// <exception cref="MessageQueueException">The poison queue could not be read.</exception>
    public Task<PoisonReplayReport> ReplayMatchingAsync(string poisonQueue, PoisonFilter filter, CancellationToken cancellationToken = default)
    {
        ThrowIfNotPoisonQueue(poisonQueue);
        ArgumentNullException.ThrowIfNull(filter);
        return ReplayWhereAsync(poisonQueue, filter.Matches, stopAtFirst: false, cancellationToken);
    }

    private async Task<PoisonReplayReport> ReplayWhereAsync(string poisonQueue, Func<ParkedMessage, bool> match, bool stopAtFirst, CancellationToken cancellationToken)
    {
        var poison = _queues.GetQueue(poisonQueue);
        var originalName = ParkedMessageReader.OriginalQueueOf(poisonQueue);
        var original = _queues.GetQueue(originalName);
        var originalReady = false;
        var (scanned, truncated, results) = await ScanAsync(poisonQueue, poison, match, stopAtFirst, async (received, parked) =>
        {
            try
            {
                if (!originalReady)
                {
                    await original.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                    originalReady = true;
                }

                // First the original queue, then the delete: a failure in between leaves a copy in both, never none.
                var sent = await original.SendAsync(ParkedMessageReader.ReplayText(received.Text, _encoding), cancellationToken: cancellationToken).ConfigureAwait(false);
                LogReplayed(_logger, poisonQueue, received.MessageId, originalName, sent.MessageId, parked.Summary.MessageId);
                try
                {
                    await poison.DeleteAsync(received.MessageId, received.PopReceipt, CancellationToken.None).ConfigureAwait(false);
                    return new PoisonReplayResult(received.MessageId, originalName, PoisonReplayResult.Replayed, sent.MessageId);
                }
                catch (MessageQueueException ex)
                {
                    LogNotRemoved(_logger, poisonQueue, received.MessageId, ex);
                    return new PoisonReplayResult(
                        received.MessageId, originalName, PoisonReplayResult.Replayed, sent.MessageId,
                        $"Replayed, but it could not be removed from {poisonQueue} ({ex.ErrorCode}); replaying it again is deduplicated by its message id.");
                }
            }
            catch (MessageQueueException ex)
            {
                LogReplayFailed(_logger, poisonQueue, received.MessageId, ex);
                return new PoisonReplayResult(received.MessageId, originalName, PoisonReplayResult.Failed, Error: $"{originalName} did not take it: {ex.ErrorCode}. It stays in {poisonQueue}.");
            }
        }, cancellationToken).ConfigureAwait(false);

        var replayed = results.Count(static r => r.Outcome == PoisonReplayResult.Replayed);
        return new PoisonReplayReport(poisonQueue, replayed, results.Count - replayed, scanned, truncated, results);
    }

    /// <summary>
    /// Receives the queue in batches, hands each matching message to <paramref name="act"/> (which settles it, or not),
    /// and makes every message it did not delete visible again at the end.
    /// </summary>
    private async Task<(int Scanned, bool Truncated, List<PoisonReplayResult> Results)> ScanAsync(
        string poisonQueue,
        IMessageQueue queue,
        Func<ParkedMessage, bool> match,
        bool stopAtFirst,
        Func<QueueMessage, ParkedMessage, Task<PoisonReplayResult?>> act,
        CancellationToken cancellationToken)
    {
        var held = new List<QueueMessage>();
        var results = new List<PoisonReplayResult>();
        var scanned = 0;
        var done = false;
        try
        {
            while (!done && scanned < MaxScan)
            {
                IReadOnlyList<QueueMessage> batch;
                try
                {
                    batch = await queue.ReceiveAsync(Math.Min(QueueLimits.MaxMessagesPerReceive, MaxScan - scanned), ScanLease, cancellationToken).ConfigureAwait(false);
                }
                catch (MessageQueueException ex) when (ex.ErrorCode == QueueErrorCodes.QueueNotFound)
                {
                    break;
                }

                if (batch.Count == 0)
                {
                    break;
                }

                scanned += batch.Count;
                foreach (var received in batch)
                {
                    var parked = ParkedMessageReader.Read(poisonQueue, received.MessageId, received.InsertedOn, received.DequeueCount, received.Text, _encoding, withContent: false);
                    if (done || !match(parked))
                    {
                        held.Add(received);
                        continue;
                    }

                    var result = await act(received, parked).ConfigureAwait(false);
                    if (result is not null)
                    {
                        results.Add(result);
                    }

                    if (result is null || result.Outcome == PoisonReplayResult.Failed)
                    {
                        held.Add(received);
                    }

                    done = stopAtFirst;
                }
            }
        }
        finally
        {
            await RestoreAsync(queue, held).ConfigureAwait(false);
        }

        return (scanned, !done && scanned >= MaxScan, results);
    }

    private async Task RestoreAsync(IMessageQueue queue, List<QueueMessage> held)
    {
        foreach (var message in held)
        {
            try
            {
                await queue.UpdateVisibilityAsync(message.MessageId, message.PopReceipt, TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
            }
            catch (MessageQueueException ex)
            {
                // It comes back by itself when the scan's lease runs out.
                LogRestoreFailed(_logger, queue.Name, message.MessageId, ScanLease.TotalSeconds, ex);
            }
        }
    }

    private static void ThrowIfNotPoisonQueue(string poisonQueue)
    {
        if (!IsPoisonQueue(poisonQueue))
        {
            throw new ArgumentException($"'{poisonQueue}' is not a poison queue; use {string.Join(" or ", PoisonQueues)}.", nameof(poisonQueue));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed {PoisonQueue} message {PoisonId} to {Queue} as {NewId} (envelope {EnvelopeId})")]
    private static partial void LogReplayed(ILogger logger, string poisonQueue, string poisonId, string queue, string newId, string? envelopeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replayed {PoisonQueue} message {PoisonId}, but could not delete it from the poison queue")]
    private static partial void LogNotRemoved(ILogger logger, string poisonQueue, string poisonId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not replay {PoisonQueue} message {PoisonId}; it stays parked")]
    private static partial void LogReplayFailed(ILogger logger, string poisonQueue, string poisonId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not make {Queue} message {MessageId} visible again after a scan; it comes back within {Seconds} s")]
    private static partial void LogRestoreFailed(ILogger logger, string queue, string messageId, double seconds, Exception exception);
}
