namespace LiveRelay.IntegrationTests.Pacing;

/// <summary>What a <see cref="PacingRun"/> measured.</summary>
public sealed record PacingResult(OperationRate Group, OperationRate User, long Throttled, int PeakInFlight, TimeSpan BacklogFillTime)
{
    public override string ToString() =>
        $"{Group}\n{User}\nThrottled calls (emulator): {Throttled}; peak messages in flight: {PeakInFlight}; backlog queued in {BacklogFillTime.TotalSeconds:0.0} s.";
}
