namespace LiveRelay.Delivery.Pacing.Fleet;

/// <summary>The coordinator's record for one operation: who holds which share, and a pause the API asked the whole fleet for.</summary>
/// <param name="Holders">The leases, live or not yet cleared.</param>
/// <param name="PausedUntil">No process sends before this (an <c>x-acs-retry-after</c> seen by any of them), if set.</param>
public sealed record FleetShareState(IReadOnlyList<FleetShareHolder> Holders, DateTimeOffset? PausedUntil = null)
{
    public static FleetShareState Empty { get; } = new([]);
}
