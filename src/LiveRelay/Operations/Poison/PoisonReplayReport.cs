namespace LiveRelay.Operations.Poison;

/// <summary>The answer to a replay: counts and each message's outcome.</summary>
/// <param name="Scanned">Messages received from the poison queue to find the matching ones.</param>
/// <param name="Truncated">True when the scan stopped at its limit before the queue was exhausted: replay again for the rest.</param>
public sealed record PoisonReplayReport(string Queue, int Replayed, int Failed, int Scanned, bool Truncated, IReadOnlyList<PoisonReplayResult> Results);
