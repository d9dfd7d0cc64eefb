namespace LiveRelay.Delivery.Pacing.Fleet;

/// <summary>
/// Where the fleet's shares are kept: one record per operation, read whole and replaced only if nobody wrote it since
/// (optimistic concurrency). Every change to the shares goes through such a replace, so the record is always one
/// consistent allocation, and its shares never add up to more than the limit.
/// </summary>
public interface IFleetShareStore
{
    /// <summary>A description for logs: where the shares are kept (no secrets).</summary>
    string Description { get; }

    Task<FleetShareSnapshot> ReadAsync(string operation, CancellationToken cancellationToken = default);

    /// <summary>Replaces the record if it is still at <paramref name="expectedETag"/> (creates it when that is null).</summary>
    /// <returns>False when another process wrote it first: read again and recompute.</returns>
    Task<bool> TryReplaceAsync(string operation, FleetShareState state, string? expectedETag, CancellationToken cancellationToken = default);
}
