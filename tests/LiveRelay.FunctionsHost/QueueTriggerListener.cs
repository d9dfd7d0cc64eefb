using System.Globalization;
using System.Text.Json;
using LiveRelay.FunctionsHost.Rpc;
using LiveRelay.Queues;
using LiveRelay.Queues.Processing;

namespace LiveRelay.FunctionsHost;

/// <summary>
/// One queue trigger run the way the Functions runtime runs it from host.json <c>extensions.queues</c>: polls (backing
/// off to <c>maxPollingInterval</c> while empty), fetches <c>batchSize</c> messages and fetches again once no more than
/// <c>newBatchThreshold</c> are in flight, decodes per <c>messageEncoding</c>, invokes the function with the message's
/// metadata, writes its output bindings to their queues and deletes the message on success; after a failure makes it
/// visible again after <c>visibilityTimeout</c>, or copies it to <c>&lt;queue&gt;-poison</c> on attempt
/// <c>maxDequeueCount</c>.
/// </summary>
internal sealed class QueueTriggerListener : IAsyncDisposable
{
    // The runtime holds a message invisible while its function runs (and renews it); the tests never run this long.
    private static readonly TimeSpan InvocationVisibility = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);

    private readonly IndexedFunction _function;
    private readonly IMessageQueueFactory _queues;
    private readonly HostJsonQueueOptions _options;
    private readonly WorkerSession _session;
    private readonly FunctionsHostOptions _hostOptions;
    private readonly IMessageQueue _queue;
    // Not disposed: invocations still under way when the listener stops hold its token.
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _completed = new(0);
    private int _inFlight;
    private Task _polling = Task.CompletedTask;

    public QueueTriggerListener(IndexedFunction function, IMessageQueueFactory queues, HostJsonQueueOptions options, WorkerSession session, FunctionsHostOptions hostOptions)
    {
        _function = function;
        _queues = queues;
        _options = options;
        _session = session;
        _hostOptions = hostOptions;
        _queue = queues.GetQueue(function.Trigger.QueueName ?? throw new InvalidOperationException($"Function {function.Name} names no queue."));
    }

    /// <summary>The most messages in flight at once so far.</summary>
    public int PeakInFlight { get; private set; }

    /// <summary>Invocations that ended in failure, each with the worker's reason.</summary>
    public List<string> Failures { get; } = [];

    public string QueueName => _queue.Name;

    public void Start() => _polling = Task.Run(() => PollAsync(_stop.Token));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _polling.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        // Invocations under way end with the worker's answer, or when it is stopped right after this; not waited out.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Volatile.Read(ref _inFlight) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        await _queue.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var delay = MinimumPollingInterval;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (Volatile.Read(ref _inFlight) > _options.EffectiveNewBatchThreshold)
            {
                await _completed.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            IReadOnlyList<QueueMessage> batch;
            try
            {
                batch = await _queue.ReceiveAsync(Math.Min(_options.BatchSize, QueueLimits.MaxMessagesPerReceive), InvocationVisibility, cancellationToken).ConfigureAwait(false);
            }
            catch (MessageQueueException ex)
            {
                _hostOptions.Output?.Invoke($"[host] {_queue.Name}: receive failed: {ex.Message}");
                batch = [];
            }

            if (batch.Count == 0)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, Math.Max(_options.MaxPollingInterval.Ticks, MinimumPollingInterval.Ticks)));
                continue;
            }

            delay = MinimumPollingInterval;
            foreach (var message in batch)
            {
                var inFlight = Interlocked.Increment(ref _inFlight);
                PeakInFlight = Math.Max(PeakInFlight, inFlight);
                _ = ProcessAsync(message, cancellationToken);
            }
        }
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await ProcessCoreAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is MessageQueueException or WorkerFailedException or HttpRequestException)
        {
            lock (Failures)
            {
                Failures.Add(ex.Message);
            }

            _hostOptions.Output?.Invoke($"[host] {_queue.Name}: message {message.MessageId}: {ex.Message}");
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            _completed.Release();
        }
    }

    private async Task ProcessCoreAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        // A message seen more often than allowed (its worker died with it) is parked without another run.
        if (message.DequeueCount > _options.MaxDequeueCount || !TryDecode(message.Text, out var content))
        {
            await ParkAsync(message, cancellationToken).ConfigureAwait(false);
            return;
        }

        var invocation = Invocations.Create(_function, new TypedData { String = content }, Metadata(message, content));
        var response = await _session.InvokeAsync(invocation, _hostOptions.InvocationTimeout).ConfigureAwait(false);
        if (response.Result?.Status == StatusResult.Types.Status.Success)
        {
            await WriteOutputsAsync(response, cancellationToken).ConfigureAwait(false);
            await _queue.DeleteAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
            return;
        }

        var reason = Invocations.Describe(response.Result);
        lock (Failures)
        {
            Failures.Add(reason);
        }

        _hostOptions.Output?.Invoke($"[host] {_function.Name}: message {message.MessageId} attempt {message.DequeueCount} failed: {reason.Split('\n')[0]}");
        if (message.DequeueCount >= _options.MaxDequeueCount)
        {
            await ParkAsync(message, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _queue.UpdateVisibilityAsync(message.MessageId, message.PopReceipt, _options.VisibilityTimeout, cancellationToken).ConfigureAwait(false);
        }
    }

    private bool TryDecode(string text, out string content)
    {
        if (_options.MessageEncoding == QueueMessageEncoding.Base64)
        {
            return QueueMessageCodec.TryDecodeBase64(text, out content);
        }

        content = text;
        return true;
    }

    /// <summary>The runtime copies the message as it is to the poison queue, then deletes it.</summary>
    private async Task ParkAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        var poison = _queues.GetQueue(QueueNames.PoisonQueueFor(_queue.Name));
        await poison.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await poison.SendAsync(message.Text, cancellationToken: cancellationToken).ConfigureAwait(false);
        await _queue.DeleteAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Each output binding the worker returned: one message per string, per element of an array.</summary>
    private async Task WriteOutputsAsync(InvocationResponse response, CancellationToken cancellationToken)
    {
        foreach (var output in response.OutputData)
        {
            var binding = _function.Outputs.FirstOrDefault(b => b.Name.Equals(output.Name, StringComparison.OrdinalIgnoreCase));
            if (binding?.QueueName is not { } queueName || !binding.Type.Equals("queue", StringComparison.OrdinalIgnoreCase))
            {
                throw new WorkerFailedException($"Function {_function.Name} returned output '{output.Name}', which is no queue binding of it.");
            }

            var queue = _queues.GetQueue(queueName);
            await queue.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            foreach (var text in Messages(output.Data))
            {
                var encoded = _options.MessageEncoding == QueueMessageEncoding.Base64 ? QueueMessageCodec.Encode(text, QueueMessageEncoding.Base64) : text;
                await queue.SendAsync(encoded, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static IEnumerable<string> Messages(TypedData data)
    {
        switch (data.DataCase)
        {
            case TypedData.DataOneofCase.String:
                return [data.String];
            case TypedData.DataOneofCase.CollectionString:
                return data.CollectionString.String;
            case TypedData.DataOneofCase.Json:
                using (var document = JsonDocument.Parse(data.Json))
                {
                    var root = document.RootElement;
                    return root.ValueKind == JsonValueKind.Array
                        ? [.. root.EnumerateArray().Select(static e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText())]
                        : [root.ValueKind == JsonValueKind.String ? root.GetString()! : root.GetRawText()];
                }

            case TypedData.DataOneofCase.None:
                return [];
            default:
                throw new WorkerFailedException($"An output of type {data.DataCase} is not supported by the stand-in.");
        }
    }

    private static IEnumerable<KeyValuePair<string, TypedData>> Metadata(QueueMessage message, string content) =>
    [
        KeyValuePair.Create("QueueTrigger", new TypedData { String = content }),
        KeyValuePair.Create("Id", new TypedData { String = message.MessageId }),
        KeyValuePair.Create("PopReceipt", new TypedData { String = message.PopReceipt }),
        KeyValuePair.Create("DequeueCount", new TypedData { Json = message.DequeueCount.ToString(CultureInfo.InvariantCulture) }),
        KeyValuePair.Create("InsertionTime", new TypedData { Json = JsonSerializer.Serialize(message.InsertedOn) }),
        KeyValuePair.Create("ExpirationTime", new TypedData { Json = JsonSerializer.Serialize(message.ExpiresOn) }),
        KeyValuePair.Create("NextVisibleTime", new TypedData { Json = JsonSerializer.Serialize(message.NextVisibleOn) }),
    ];
}
