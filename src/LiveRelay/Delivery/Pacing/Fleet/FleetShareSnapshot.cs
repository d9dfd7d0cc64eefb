namespace LiveRelay.Delivery.Pacing.Fleet;

/// <summary>The coordinator's record as read, with the version a conditional write must match.</summary>
/// <param name="State">The record; <see cref="FleetShareState.Empty"/> when there is none yet.</param>
/// <param name="ETag">Its version; null when there is no record yet (a write then creates it).</param>
/// <param name="StoreTime">The store's clock when it answered (to the second, as HTTP dates are); null for a store without one.</param>
public sealed record FleetShareSnapshot(FleetShareState State, string? ETag, DateTimeOffset? StoreTime = null);
