namespace LiveRelay.IntegrationTests.Pacing;

/// <summary>What a <see cref="PacingRun"/> measured.</summary>
public sealed record PacingResult(OperationRate Group, OperationRate User, long Throttled, int PeakInFlight, int MessagesQueued, IReadOnlyList<string> ProducerErrors, IReadOnlyList<string> HostErrors, IReadOnlyList<int> CallsPerSecond)
{
    public override string ToString() =>
        $"{Group}\n{User}\nThrottled calls (emulator): {Throttled}; peak messages in flight: {PeakInFlight}; {MessagesQueued} messages queued in all.\n"
        + $"Calls accepted per second: {string.Join(' ', CallsPerSecond)}"
        + (ProducerErrors.Count == 0 ? string.Empty : $"\nProducer errors: {string.Join("; ", ProducerErrors)}")
        + (HostErrors.Count == 0 ? string.Empty : $"\nHost errors ({HostErrors.Count}): {string.Join("; ", HostErrors.Take(5))}");
}
