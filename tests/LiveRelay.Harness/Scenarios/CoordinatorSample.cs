namespace LiveRelay.Harness.Scenarios;

/// <summary>One reading of the coordinator's record for an operation: the shares granted on leases still running, summed.</summary>
/// <param name="At">When the read had completed (a lease that had ended by then is not counted).</param>
/// <param name="Granted">Calls per second granted on live leases, summed over processes.</param>
/// <param name="Holders">Processes holding a live lease with a share above zero.</param>
internal sealed record CoordinatorSample(DateTimeOffset At, string Operation, double Granted, int Holders);
