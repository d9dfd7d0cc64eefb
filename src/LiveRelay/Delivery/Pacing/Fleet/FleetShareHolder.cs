namespace LiveRelay.Delivery.Pacing.Fleet;

/// <summary>One sending process's lease on a share of an operation's limit, as kept by the coordinator.</summary>
/// <param name="ProcessId">The process, unique for its lifetime.</param>
/// <param name="Demand">The rate it could use when it last renewed, in calls per second (at most the limit).</param>
/// <param name="Granted">The calls per second it may make until its lease ends.</param>
/// <param name="RenewedAt">When it last renewed (its clock); the lease ends <see cref="FleetPacingOptions.LeaseDuration"/> later.</param>
public sealed record FleetShareHolder(string ProcessId, double Demand, double Granted, DateTimeOffset RenewedAt);
