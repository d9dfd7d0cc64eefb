namespace LiveRelay.Harness.Load;

/// <summary>What a paced run of webhooks ended with.</summary>
/// <param name="Events">Webhooks the run had to deliver.</param>
/// <param name="Accepted">Webhooks the host answered 202 (on some attempt).</param>
/// <param name="Rejected">Webhooks the host refused for good (a 4xx other than 429): none are expected.</param>
/// <param name="GaveUp">Webhooks still not accepted when the run's time was up.</param>
/// <param name="FailedAttempts">Attempts that were retried, by cause (no connection, timeout, 503, 429, ...).</param>
internal sealed record PacedRun(int Events, int Accepted, int Rejected, int GaveUp, long Attempts, IReadOnlyDictionary<string, long> FailedAttempts);
