using Azure;
using Azure.Data.Tables;
using LiveRelay.Delivery.Pacing.Fleet;

namespace LiveRelay.Harness.Scenarios;

/// <summary>
/// Reads the fleet pacing coordinator's table (what the hosts share through, with LiveRelay's own store class) five
/// times a second until stopped, and keeps, per operation, the sum of the shares granted on leases that have not ended:
/// the figure the mechanism promises never exceeds the limit, also while shares change.
/// </summary>
internal sealed class CoordinatorSampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<CoordinatorSample> _samples = [];
    private readonly Task _loop;
    private int _failures;

    /// <param name="connectionString">The hosts' <c>AzureWebJobsStorage</c> (with a table endpoint).</param>
    public CoordinatorSampler(string connectionString, IReadOnlyList<string> operations, TimeSpan leaseDuration)
    {
        var store = new TableFleetShareStore(new TableClient(connectionString, new FleetPacingOptions().TableName));
        _loop = SampleAsync(store, operations, leaseDuration, _stop.Token);
    }

    public IReadOnlyList<CoordinatorSample> Samples
    {
        get
        {
            lock (_gate)
            {
                return [.. _samples];
            }
        }
    }

    /// <summary>Reads that failed (Azurite slow to answer on a loaded machine); the next one catches up.</summary>
    public int Failures => Volatile.Read(ref _failures);

    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task SampleAsync(TableFleetShareStore store, IReadOnlyList<string> operations, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            foreach (var operation in operations)
            {
                try
                {
                    var snapshot = await store.ReadAsync(operation, cancellationToken).ConfigureAwait(false);

                    // Taken after the read: whatever lease a host saw as ended when it wrote this record has ended by now too.
                    var now = DateTimeOffset.UtcNow;
                    var live = snapshot.State.Holders.Where(h => h.RenewedAt + leaseDuration > now && h.Granted > 0).ToList();
                    lock (_gate)
                    {
                        _samples.Add(new CoordinatorSample(now, operation, live.Sum(static h => h.Granted), live.Count));
                    }
                }
                catch (RequestFailedException)
                {
                    Interlocked.Increment(ref _failures);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }
}
