using Azure;
using Azure.Data.Tables;
using LiveRelay.Delivery.Pacing.Fleet;

namespace LiveRelay.Harness.Scenarios;

/// <summary>
/// Reads the fleet pacing coordinator's table (what the hosts share through, with LiveRelay's own store class) five
/// times a second until stopped, and keeps, per operation, the sum of the shares granted on leases that have not ended:
/// the figure the mechanism promises never exceeds the limit, also while shares change.
/// </summary>
internal sealed class CoordinatorSampler : PeriodicSampler<CoordinatorSample>
{
    private readonly TableFleetShareStore _store;
    private readonly IReadOnlyList<string> _operations;
    private readonly TimeSpan _leaseDuration;

    /// <param name="connectionString">The hosts' <c>AzureWebJobsStorage</c> (with a table endpoint).</param>
    public CoordinatorSampler(string connectionString, IReadOnlyList<string> operations, TimeSpan leaseDuration)
        : base(TimeSpan.FromMilliseconds(200))
    {
        _store = new TableFleetShareStore(new TableClient(connectionString, new FleetPacingOptions().TableName));
        _operations = operations;
        _leaseDuration = leaseDuration;
        Start();
    }

    protected override async Task<IReadOnlyList<CoordinatorSample>> ReadAsync(CancellationToken cancellationToken)
    {
        var samples = new List<CoordinatorSample>(_operations.Count);
        foreach (var operation in _operations)
        {
            try
            {
                var snapshot = await _store.ReadAsync(operation, cancellationToken).ConfigureAwait(false);

                // Taken after the read: whatever lease a host saw as ended when it wrote this record has ended by now too.
                var now = DateTimeOffset.UtcNow;
                var live = snapshot.State.Holders.Where(h => h.RenewedAt + _leaseDuration > now && h.Granted > 0).ToList();
                samples.Add(new CoordinatorSample(now, operation, live.Sum(static h => h.Granted), live.Count));
            }
            catch (RequestFailedException)
            {
                // Azurite slow to answer on a loaded machine: the next read catches up (the CI test counts the reads).
            }
        }

        return samples;
    }
}
