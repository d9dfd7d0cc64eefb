using System.Globalization;

namespace LiveRelay.Delivery.Pacing.Fleet;

/// <summary>Shares kept in this process, with the same optimistic-concurrency contract as the table: for tests and for processes that share nothing.</summary>
/// <param name="clock">The store's own clock, reported with each read as the table reports its time; none when null.</param>
public sealed class InMemoryFleetShareStore(TimeProvider? clock = null) : IFleetShareStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (FleetShareState State, long Version)> _records = new(StringComparer.Ordinal);

    public string Description => "memory";

    public Task<FleetShareSnapshot> ReadAsync(string operation, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var storeTime = clock?.GetUtcNow();
            return Task.FromResult(_records.TryGetValue(operation, out var record)
                ? new FleetShareSnapshot(record.State, record.Version.ToString(CultureInfo.InvariantCulture), storeTime)
                : new FleetShareSnapshot(FleetShareState.Empty, null, storeTime));
        }
    }

    public Task<bool> TryReplaceAsync(string operation, FleetShareState state, string? expectedETag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        ArgumentNullException.ThrowIfNull(state);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var exists = _records.TryGetValue(operation, out var record);
            var current = exists ? record.Version.ToString(CultureInfo.InvariantCulture) : null;
            if (current != expectedETag)
            {
                return Task.FromResult(false);
            }

            _records[operation] = (state, record.Version + 1);
            return Task.FromResult(true);
        }
    }
}
