using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace LiveRelay.Delivery.Ledger;

/// <summary>The ledger in this process's memory: when there is no storage account, and for tests.</summary>
public sealed class InMemoryDeliveryLedger : IDeliveryLedger
{
    private readonly TimeProvider _timeProvider;
    private readonly LedgerBuckets _buckets;
    private readonly ConcurrentDictionary<string, long> _recorded = new(StringComparer.Ordinal);
    private long _cleanedBucket;

    public InMemoryDeliveryLedger(IOptions<DeliveryLedgerOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _buckets = new LedgerBuckets(options.Value.Retention);
        _cleanedBucket = _buckets.At(_timeProvider.GetUtcNow());
    }

    public int Count => _recorded.Count;

    public ValueTask<bool> WasDeliveredAsync(string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        var now = _buckets.At(_timeProvider.GetUtcNow());
        return ValueTask.FromResult(_recorded.TryGetValue(messageId, out var bucket) && bucket >= now - 1);
    }

    public ValueTask RecordAsync(string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        var now = _buckets.At(_timeProvider.GetUtcNow());
        _recorded[messageId] = now;

        // Once per bucket, one pass drops what has aged out.
        var cleaned = Interlocked.Read(ref _cleanedBucket);
        if (cleaned < now && Interlocked.CompareExchange(ref _cleanedBucket, now, cleaned) == cleaned)
        {
            foreach (var (id, bucket) in _recorded)
            {
                if (bucket < now - 1)
                {
                    _recorded.TryRemove(KeyValuePair.Create(id, bucket));
                }
            }
        }

        return ValueTask.CompletedTask;
    }
}
