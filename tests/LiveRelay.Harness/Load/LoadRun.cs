namespace LiveRelay.Harness.Load;

/// <summary>What one closed-loop run measured.</summary>
/// <param name="Requests">Requests that got an answer or failed, measured ones only (not the warm-up).</param>
/// <param name="Statuses">Answers by HTTP status.</param>
/// <param name="Failures">Requests that got no answer (connection errors, timeouts).</param>
/// <param name="Elapsed">From the first measured request to the last answer.</param>
/// <param name="Latency">Every measured request's time to its full answer.</param>
internal sealed record LoadRun(long Requests, IReadOnlyDictionary<int, long> Statuses, long Failures, TimeSpan Elapsed, LatencySummary Latency, int Concurrency)
{
    public double RequestsPerSecond => Elapsed > TimeSpan.Zero ? Requests / Elapsed.TotalSeconds : 0;

    public long Count(Func<int, bool> status) => Statuses.Where(s => status(s.Key)).Sum(static s => s.Value);
}
