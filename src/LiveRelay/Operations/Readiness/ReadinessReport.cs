namespace LiveRelay.Operations.Readiness;

/// <summary>Every check; ready when none failed.</summary>
public sealed record ReadinessReport(IReadOnlyList<ReadinessCheck> Checks)
{
    public bool IsReady => Checks.All(static c => c.State != ReadinessState.Failed);
}
