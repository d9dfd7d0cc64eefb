namespace LiveRelay.Harness.Scenarios;

/// <summary>The fleet run: every case it finished, with the settings it ran with.</summary>
internal sealed record FleetResult(FleetOptions Options, IReadOnlyList<FleetCaseResult> Cases);
