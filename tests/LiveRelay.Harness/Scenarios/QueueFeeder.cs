using LiveRelay.Messages;
using LiveRelay.Queues;

namespace LiveRelay.Harness.Scenarios;

/// <summary>
/// Puts envelopes on <c>live-messages</c>: a given number at once (<see cref="EnqueueAsync"/>), or, while running
/// (<see cref="Start"/>), enough every 200 ms that the messages of each kind not yet delivered stay at a target, so the
/// fleet always has work and the queue never grows without bound (Azurite slows down as a queue grows).
/// </summary>
internal sealed class QueueFeeder(IMessageQueue queue, FleetEnvelopes envelopes) : IAsyncDisposable
{
    private const int Writers = 8;
    private static readonly TimeSpan TopUpInterval = TimeSpan.FromMilliseconds(200);

    private readonly CancellationTokenSource _stop = new();
    private long _group;
    private long _user;
    private long _failures;
    private string? _firstFailure;
    private Task _loop = Task.CompletedTask;

    /// <summary>Envelopes now on the queue (or delivered since), by kind.</summary>
    public long Enqueued(MessageKind kind) => Interlocked.Read(ref kind == MessageKind.Group ? ref _group : ref _user);

    /// <summary>Enqueues that failed (Azurite did not answer in time): those envelopes were never recorded.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    public string? FirstFailure => Volatile.Read(ref _firstFailure);

    /// <param name="targets">How many of each kind should be waiting (on the queue or held by a host) at any time.</param>
    /// <param name="delivered">How many of each kind the Live API has accepted so far.</param>
    public void Start(IReadOnlyDictionary<MessageKind, int> targets, Func<MessageKind, long> delivered) =>
        _loop = TopUpAsync(targets, delivered, _stop.Token);

    /// <summary>Enqueues <paramref name="count"/> envelopes of <paramref name="kind"/>, eight at a time.</summary>
    public Task EnqueueAsync(MessageKind kind, int count, CancellationToken cancellationToken) =>
        EnqueueAsync(Enumerable.Repeat(kind, count), cancellationToken);

    /// <summary>Enqueues one envelope of each kind listed, in about that order, eight at a time.</summary>
    public async Task EnqueueAsync(IEnumerable<MessageKind> kinds, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(
            kinds,
            new ParallelOptions { MaxDegreeOfParallelism = Writers, CancellationToken = cancellationToken },
            async (kind, token) =>
            {
                var envelope = envelopes.Next(kind);
                try
                {
                    await queue.SendAsync(envelope.Text, cancellationToken: token).ConfigureAwait(false);
                    envelopes.Enqueued(envelope);
                    Interlocked.Increment(ref kind == MessageKind.Group ? ref _group : ref _user);
                }
                catch (Exception ex) when (ex is MessageQueueException or HttpRequestException or TimeoutException
                    || (ex is OperationCanceledException && !token.IsCancellationRequested))
                {
                    // Azurite did not take it in time (a loaded machine): that envelope is simply not on the queue.
                    Interlocked.Increment(ref _failures);
                    Interlocked.CompareExchange(ref _firstFailure, ex.Message, null);
                }
            }).ConfigureAwait(false);
    }

    /// <summary>Stops topping up; what is on the queue stays. Throws what stopped the topping up before, if anything did.</summary>
    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task TopUpAsync(IReadOnlyDictionary<MessageKind, int> targets, Func<MessageKind, long> delivered, CancellationToken cancellationToken)
    {
        await queue.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        using var timer = new PeriodicTimer(TopUpInterval);
        do
        {
            var missing = targets.ToDictionary(t => t.Key, t => (int)Math.Max(0, t.Value - (Enqueued(t.Key) - delivered(t.Key))));
            await EnqueueAsync(Interleave(missing), cancellationToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The kinds spread evenly through the batch (two group messages, a user message, ...), so the queue, which hands
    /// out messages roughly in order, gives every host both kinds in proportion, as a real mixed backlog would.
    /// </summary>
    private static IEnumerable<MessageKind> Interleave(IReadOnlyDictionary<MessageKind, int> counts) =>
        counts.SelectMany(static c => Enumerable.Range(0, c.Value).Select(i => (c.Key, Position: (i + 0.5) / c.Value)))
            .OrderBy(static k => k.Position)
            .Select(static k => k.Key)
            .ToList();
}
