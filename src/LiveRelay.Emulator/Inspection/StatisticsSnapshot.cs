namespace LiveRelay.Emulator.Inspection;

/// <summary>
/// Counters since start or the last reset. <see cref="Rejected"/> counts error answers by code, except throttling by
/// the rate limits (<see cref="Throttled"/>, by operation) and injected faults (<see cref="Faults"/>, by kind).
/// </summary>
public sealed record StatisticsSnapshot(
    long Requests,
    IReadOnlyDictionary<string, long> Accepted,
    IReadOnlyDictionary<string, long> Rejected,
    IReadOnlyDictionary<string, long> Throttled,
    IReadOnlyDictionary<string, long> Faults);
