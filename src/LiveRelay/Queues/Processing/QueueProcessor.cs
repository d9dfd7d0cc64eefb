using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveRelay.Queues.Processing;

/// <summary>
/// Runs a handler over one queue with the Functions runtime's queue trigger semantics, configured from host.json:
/// <list type="bullet">
/// <item>at most batchSize + newBatchThreshold messages in flight; a new batch is fetched when in-flight drops to newBatchThreshold;</item>
/// <item>a message that fails (Retry or an exception) becomes visible again after visibilityTimeout, or the handler's delay;
/// after maxDequeueCount attempts it moves to <c>&lt;queue&gt;-poison</c>; one received with a dequeue count above
/// maxDequeueCount (its handler crashed or timed out before) moves there without running;</item>
/// <item>a Poison verdict parks the message at once, with its reason (<see cref="PoisonMessageSerializer"/>);</item>
/// <item>a Deferred verdict hands the message back untried: a copy is enqueued to become visible after the delay and
/// the original is deleted, so waiting for a pacing turn never uses up attempts (the copy's dequeue count starts again);</item>
/// <item>a handler that is also an <see cref="IQueueHoldLimit"/> can lower how many messages are fetched (no more than
/// it can use); its limit is looked at again whenever a message settles, and at least every <see cref="HoldLimitRecheck"/>;</item>
/// <item>an empty queue is polled at growing intervals (200 ms doubling up to maxPollingInterval), reset when messages arrive;</item>
/// <item>messages are leased for <see cref="QueueProcessingOptions.MessageLease"/>, renewed at half-time while their handler runs;</item>
/// <item>stopping takes no new messages, lets those in flight finish within the grace period, then cancels their
/// handlers and makes them visible again.</item>
/// </list>
/// Run it with <see cref="RunAsync"/>, or as a hosted service through <see cref="QueueProcessorService"/>.
/// </summary>
public sealed partial class QueueProcessor : IDisposable
{
    private static readonly TimeSpan HandlerStopWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan HoldLimitRecheck = TimeSpan.FromSeconds(1);

    private readonly IMessageQueue _queue;
    private readonly PoisonQueueWriter _poison;
    private readonly IQueueMessageHandler _handler;
    private readonly IQueueHoldLimit? _holdLimit;
    private readonly HostJsonQueueOptions _options;
    private readonly QueueProcessingOptions _processing;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly QueueProcessorMetrics _metrics;
    private readonly ConcurrentDictionary<InFlightMessage, byte> _inFlight = new();
    private readonly CancellationTokenSource _hardStop = new();
    private readonly Func<InFlightMessage, Task<bool>> _renewLease;
    private TaskCompletionSource _slotFreed = NewSignal();
    private int _inFlightCount;
    private int _peakInFlight;
    private int _started;

    public QueueProcessor(
        IMessageQueueFactory queues,
        string queueName,
        IQueueMessageHandler handler,
        HostJsonQueueOptions options,
        QueueProcessingOptions? processing = null,
        TimeProvider? timeProvider = null,
        ILogger<QueueProcessor>? logger = null,
        IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(options);
        var optionsCheck = new HostJsonQueueOptionsValidator().Validate(null, options);
        if (optionsCheck.Failed)
        {
            throw new ArgumentException(optionsCheck.FailureMessage, nameof(options));
        }

        processing ??= new QueueProcessingOptions();
        var processingCheck = new QueueProcessingOptionsValidator().Validate(null, processing);
        if (processingCheck.Failed)
        {
            throw new ArgumentException(processingCheck.FailureMessage, nameof(processing));
        }

        _queue = queues.GetQueue(queueName);
        _handler = handler;
        _holdLimit = handler as IQueueHoldLimit;
        _options = options;
        _processing = processing;
        _time = timeProvider ?? TimeProvider.System;
        _poison = new PoisonQueueWriter(queues.GetQueue(QueueNames.PoisonQueueFor(queueName)), queueName, options.MessageEncoding, _time);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _metrics = new QueueProcessorMetrics(queueName, meterFactory, () => InFlightCount, () => PeakInFlightCount);
        _renewLease = RenewLeaseAsync;
    }

    public QueueProcessor(
        IMessageQueueFactory queues,
        string queueName,
        Func<IncomingQueueMessage, CancellationToken, Task<QueueMessageDisposition>> handler,
        HostJsonQueueOptions options,
        QueueProcessingOptions? processing = null,
        TimeProvider? timeProvider = null,
        ILogger<QueueProcessor>? logger = null,
        IMeterFactory? meterFactory = null)
        : this(queues, queueName, new DelegateQueueMessageHandler(handler), options, processing, timeProvider, logger, meterFactory)
    {
    }

    public string QueueName => _queue.Name;

    public string PoisonQueueName => _poison.Name;

    /// <summary>Messages received and not yet settled.</summary>
    public int InFlightCount => Volatile.Read(ref _inFlightCount);

    /// <summary>The most messages in flight at once since this processor was made.</summary>
    public int PeakInFlightCount => Volatile.Read(ref _peakInFlight);

    /// <summary>
    /// Processes messages until <paramref name="stoppingToken"/> is cancelled, then shuts down gracefully and returns.
    /// Creates the queue if it does not exist. Queue failures are logged and retried, never thrown.
    /// </summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException($"The processor for '{QueueName}' has already run; make a new one.");
        }

        LogStarting(_logger, QueueName, _options.BatchSize, _options.EffectiveNewBatchThreshold, _options.MaxDequeueCount);
        try
        {
            await EnsureQueueAsync(stoppingToken).ConfigureAwait(false);
            await PollAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await DrainAsync().ConfigureAwait(false);
        LogStopped(_logger, QueueName, PeakInFlightCount);
    }

    public void Dispose()
    {
        _hardStop.Dispose();
        _metrics.Dispose();
    }

    private async Task EnsureQueueAsync(CancellationToken stoppingToken)
    {
        var backoff = new PollingBackoff(HostJsonQueueOptions.MinimumPollingInterval, _options.MaxPollingInterval);
        while (true)
        {
            try
            {
                await _queue.CreateIfNotExistsAsync(stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (MessageQueueException ex)
            {
                var delay = backoff.NextAfterEmpty();
                LogQueueUnavailable(_logger, QueueName, delay.TotalSeconds, ex);
                await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        var backoff = new PollingBackoff(HostJsonQueueOptions.MinimumPollingInterval, _options.MaxPollingInterval);
        var threshold = _options.EffectiveNewBatchThreshold;
        while (!stoppingToken.IsCancellationRequested)
        {
            var count = await WaitForCapacityAsync(threshold, stoppingToken).ConfigureAwait(false);

            IReadOnlyList<QueueMessage> batch;
            try
            {
                // Not cancelled by stopping: a receive cut off after the service answered would hide its messages for a whole lease.
                batch = await _queue.ReceiveAsync(count, _processing.MessageLease, _hardStop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is MessageQueueException or TimeoutException or HttpRequestException)
            {
                var delay = backoff.NextAfterEmpty();
                LogReceiveFailed(_logger, QueueName, delay.TotalSeconds, ex);
                await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
                continue;
            }

            if (stoppingToken.IsCancellationRequested)
            {
                await Task.WhenAll(batch.Select(m => ReleaseUnstartedAsync(m))).ConfigureAwait(false);
                return;
            }

            if (batch.Count == 0)
            {
                await Task.Delay(backoff.NextAfterEmpty(), _time, stoppingToken).ConfigureAwait(false);
                continue;
            }

            backoff.Reset();
            foreach (var message in batch)
            {
                Dispatch(message);
            }

            if (batch.Count < count)
            {
                await Task.Delay(backoff.Minimum, _time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <returns>How many messages to fetch: a batch, or less where the handler's hold limit leaves less room.</returns>
    private async Task<int> WaitForCapacityAsync(int threshold, CancellationToken stoppingToken)
    {
        while (true)
        {
            var signal = Volatile.Read(ref _slotFreed).Task;
            var inFlight = InFlightCount;
            var room = _holdLimit?.HoldLimit is { } limit ? limit - inFlight : int.MaxValue;
            if (inFlight <= threshold && room > 0)
            {
                return Math.Min(_options.BatchSize, room);
            }

            if (_holdLimit is null)
            {
                await signal.WaitAsync(stoppingToken).ConfigureAwait(false);
                continue;
            }

            try
            {
                await signal.WaitAsync(HoldLimitRecheck, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
        }
    }

    private void Dispatch(QueueMessage message)
    {
        var item = new InFlightMessage(message);
        _inFlight[item] = 0;
        var count = Interlocked.Increment(ref _inFlightCount);
        var peak = Volatile.Read(ref _peakInFlight);
        while (count > peak)
        {
            var seen = Interlocked.CompareExchange(ref _peakInFlight, count, peak);
            if (seen == peak)
            {
                break;
            }

            peak = seen;
        }

        // Started here, as the Functions runtime's queue listener starts its functions, not through the thread pool: a
        // handler runs on this loop only until its first wait (a pacing turn, a queue or API call), and a work item per
        // message cost more CPU than that at the API limits (docs/performance.md).
        _ = ProcessAsync(item);
    }

    private async Task ProcessAsync(InFlightMessage item)
    {
        var message = item.Message;
        try
        {
            if (message.DequeueCount > _options.MaxDequeueCount)
            {
                // Earlier attempts ended without a verdict (a crash or a timeout): the Functions runtime parks these unrun.
                if (item.TryBeginSettling())
                {
                    var body = QueueMessageCodec.Decode(message.Text, _options.MessageEncoding);
                    await MoveToPoisonAsync(
                        item,
                        body,
                        $"The message was dequeued {message.DequeueCount} times, more than maxDequeueCount {_options.MaxDequeueCount}, without completing.",
                        "MaxDequeueCountExceeded").ConfigureAwait(false);
                }

                return;
            }

            var incoming = new IncomingQueueMessage(
                QueueName, message.MessageId, message.DequeueCount, _options.MaxDequeueCount, message.InsertedOn,
                QueueMessageCodec.Decode(message.Text, _options.MessageEncoding), message.Text);
            var disposition = await RunHandlerAsync(item, incoming).ConfigureAwait(false);
            if (disposition is null || !item.TryBeginSettling())
            {
                return;
            }

            await SettleAsync(item, incoming, disposition).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Nothing may escape an unobserved task. The message keeps its lease and comes back when it runs out:
            // at-least-once, like the Functions runtime.
            LogSettleFailed(_logger, QueueName, message.MessageId, ex);
        }
        finally
        {
            _inFlight.TryRemove(item, out _);
            Interlocked.Decrement(ref _inFlightCount);
            item.Done.TrySetResult();

            // The receive loop may continue on this thread now, up to its next wait.
            Interlocked.Exchange(ref _slotFreed, NewSignal()).TrySetResult();
        }
    }

    /// <returns>Null when the handler was stopped by a hard stop (the message is being released).</returns>
    private async Task<QueueMessageDisposition?> RunHandlerAsync(InFlightMessage item, IncomingQueueMessage incoming)
    {
        using var renewal = new LeaseRenewal(item, _processing.MessageLease / 2, _renewLease, _time);
        var started = _time.GetTimestamp();
        try
        {
            var disposition = await _handler.HandleAsync(incoming, _hardStop.Token).ConfigureAwait(false);
            return disposition ?? QueueMessageDisposition.Retry("The handler returned no disposition.", code: "NoDisposition");
        }
        catch (OperationCanceledException) when (_hardStop.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex)
        {
            LogHandlerFailed(_logger, QueueName, incoming.MessageId, incoming.DequeueCount, ex);
            return QueueMessageDisposition.Retry($"The handler threw {ex.GetType().Name}: {ex.Message}", code: "HandlerException");
        }
        finally
        {
            _metrics.HandlerRan(_time.GetElapsedTime(started));
        }
    }

    private async Task SettleAsync(InFlightMessage item, IncomingQueueMessage incoming, QueueMessageDisposition disposition)
    {
        switch (disposition.Outcome)
        {
            case QueueMessageOutcome.Completed:
                await WithReceiptAsync(item, "delete", (receipt, ct) => _queue.DeleteAsync(item.Message.MessageId, receipt, ct)).ConfigureAwait(false);
                _metrics.Settled("completed");
                break;

            case QueueMessageOutcome.Retry when incoming.IsLastAttempt:
                await MoveToPoisonAsync(
                    item,
                    incoming.Body,
                    $"{disposition.Reason} (gave up after {incoming.DequeueCount} attempts; maxDequeueCount {_options.MaxDequeueCount}).",
                    disposition.Code ?? "RetriesExhausted").ConfigureAwait(false);
                break;

            case QueueMessageOutcome.Retry:
                await ReleaseForRetryAsync(item, incoming, disposition.Delay ?? _options.VisibilityTimeout, disposition.Reason).ConfigureAwait(false);
                break;

            case QueueMessageOutcome.Deferred:
                var later = disposition.Delay ?? _options.VisibilityTimeout;
                try
                {
                    await _queue.SendAsync(item.Message.Text, later, cancellationToken: CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is MessageQueueException or TimeoutException or HttpRequestException)
                {
                    // Not handed back: let it come back as a retry instead (an attempt used, nothing lost).
                    LogHandBackFailed(_logger, QueueName, incoming.MessageId, ex);
                    await ReleaseForRetryAsync(item, incoming, later, disposition.Reason).ConfigureAwait(false);
                    break;
                }

                await WithReceiptAsync(item, "delete", (receipt, ct) => _queue.DeleteAsync(item.Message.MessageId, receipt, ct)).ConfigureAwait(false);
                _metrics.Settled("deferred");
                break;

            default:
                await MoveToPoisonAsync(item, incoming.Body, disposition.Reason!, disposition.Code!).ConfigureAwait(false);
                break;
        }
    }

    private async Task ReleaseForRetryAsync(InFlightMessage item, IncomingQueueMessage incoming, TimeSpan delay, string? reason)
    {
        LogRetrying(_logger, QueueName, incoming.MessageId, incoming.DequeueCount, delay.TotalSeconds, reason);
        await WithReceiptAsync(item, "release", async (receipt, ct) =>
        {
            var update = await _queue.UpdateVisibilityAsync(item.Message.MessageId, receipt, delay, ct).ConfigureAwait(false);
            item.PopReceipt = update.PopReceipt;
        }).ConfigureAwait(false);
        _metrics.Settled("retried");
    }

    private async Task MoveToPoisonAsync(InFlightMessage item, string body, string reason, string code)
    {
        var message = item.Message;
        if (!await _poison.WriteAsync(message, body, reason, code).ConfigureAwait(false))
        {
            LogPoisonTooLarge(_logger, QueueName, message.MessageId);
        }

        LogPoisoned(_logger, QueueName, message.MessageId, message.DequeueCount, code, reason, PoisonQueueName);
        await WithReceiptAsync(item, "delete", (receipt, ct) => _queue.DeleteAsync(message.MessageId, receipt, ct)).ConfigureAwait(false);
        _metrics.Settled("poisoned");
    }

    /// <returns>Whether to renew again at the next half-time: not once the handler has ended or the message is gone.</returns>
    private async Task<bool> RenewLeaseAsync(InFlightMessage item)
    {
        var cancellationToken = _hardStop.Token;
        await item.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!item.IsRunning)
            {
                return false;
            }

            var update = await _queue.UpdateVisibilityAsync(item.Message.MessageId, item.PopReceipt, _processing.MessageLease, cancellationToken).ConfigureAwait(false);
            item.PopReceipt = update.PopReceipt;
            return true;
        }
        catch (MessageQueueException ex) when (ex.IsMessageGone)
        {
            LogLeaseLost(_logger, QueueName, item.Message.MessageId);
            return false;
        }
        catch (MessageQueueException ex)
        {
            LogLeaseRenewalFailed(_logger, QueueName, item.Message.MessageId, ex);
            return true;
        }
        finally
        {
            item.Gate.Release();
        }
    }

    /// <summary>Runs a queue call with the message's current pop receipt; a message someone else took over needs nothing more.</summary>
    private async Task WithReceiptAsync(InFlightMessage item, string action, Func<string, CancellationToken, Task> call)
    {
        await item.Gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await call(item.PopReceipt, CancellationToken.None).ConfigureAwait(false);
        }
        catch (MessageQueueException ex) when (ex.IsMessageGone)
        {
            LogMessageGone(_logger, QueueName, item.Message.MessageId, action, ex.ErrorCode);
        }
        finally
        {
            item.Gate.Release();
        }
    }

    private async Task ReleaseUnstartedAsync(QueueMessage message)
    {
        try
        {
            await _queue.UpdateVisibilityAsync(message.MessageId, message.PopReceipt, TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
            _metrics.Settled("released");
        }
        catch (Exception ex) when (ex is MessageQueueException or TimeoutException or HttpRequestException)
        {
            LogReleaseFailed(_logger, QueueName, message.MessageId, ex);
        }
    }

    private async Task DrainAsync()
    {
        var pending = _inFlight.Keys.ToArray();
        if (pending.Length == 0)
        {
            return;
        }

        LogDraining(_logger, QueueName, pending.Length, _processing.ShutdownGracePeriod.TotalSeconds);
        var finished = Task.WhenAll(pending.Select(p => p.Done.Task));
        if (await CompletesWithinAsync(finished, _processing.ShutdownGracePeriod).ConfigureAwait(false))
        {
            return;
        }

        await _hardStop.CancelAsync().ConfigureAwait(false);
        var unfinished = pending.Where(p => p.TryRelease()).ToArray();
        LogReleasingUnfinished(_logger, QueueName, unfinished.Length);
        await Task.WhenAll(unfinished.Select(ReleaseAsync)).ConfigureAwait(false);

        if (!await CompletesWithinAsync(finished, HandlerStopWait).ConfigureAwait(false))
        {
            LogHandlersStillRunning(_logger, QueueName);
        }
    }

    private async Task ReleaseAsync(InFlightMessage item)
    {
        try
        {
            await WithReceiptAsync(item, "release", (receipt, ct) => _queue.UpdateVisibilityAsync(item.Message.MessageId, receipt, TimeSpan.Zero, ct))
                .ConfigureAwait(false);
            _metrics.Settled("released");
        }
        catch (Exception ex) when (ex is MessageQueueException or TimeoutException or HttpRequestException)
        {
            LogReleaseFailed(_logger, QueueName, item.Message.MessageId, ex);
        }
    }

    private async Task<bool> CompletesWithinAsync(Task task, TimeSpan limit)
    {
        try
        {
            await task.WaitAsync(limit, _time).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// A slot freed: its continuation (the receive loop) runs on the settling thread, which has nothing left to do,
    /// instead of costing a thread-pool work item for every message settled.
    /// </summary>
    private static TaskCompletionSource NewSignal() => new();
}
