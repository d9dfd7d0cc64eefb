using System.Collections.Concurrent;
using System.Diagnostics;

namespace LiveRelay.Harness.Load;

/// <summary>
/// A closed-loop HTTP load: <c>concurrency</c> workers, each sending its next request as soon as the previous one is
/// answered, until a request count or a duration is reached (whichever comes first). A warm-up period runs the same way
/// first and is not measured.
/// </summary>
internal sealed class LoadDriver(HttpClient client)
{
    /// <param name="createRequest">Makes request number n (numbers are unique across the warm-up and the run).</param>
    /// <param name="onAnswer">Sees every answer (status and body), warm-up included, e.g. to record accepted message ids.</param>
    public async Task<LoadRun> RunAsync(
        Func<long, HttpRequestMessage> createRequest,
        int concurrency,
        long maxRequests,
        TimeSpan duration,
        TimeSpan warmUp,
        Action<int, string>? onAnswer,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(createRequest);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        long next = -1;
        if (warmUp > TimeSpan.Zero)
        {
            var warmUpEnd = Stopwatch.GetTimestamp() + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                while (Stopwatch.GetTimestamp() < warmUpEnd && !cancellationToken.IsCancellationRequested)
                {
                    await SendAsync(createRequest(Interlocked.Increment(ref next)), onAnswer, cancellationToken).ConfigureAwait(false);
                }
            }, cancellationToken))).ConfigureAwait(false);
        }

        var latencies = new ConcurrentBag<double[]>();
        var statuses = new ConcurrentDictionary<int, long>();
        long failures = 0, measured = 0;
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var mine = new List<double>();
            while (Stopwatch.GetTimestamp() < end && !cancellationToken.IsCancellationRequested && Interlocked.Increment(ref measured) <= maxRequests)
            {
                var sent = Stopwatch.GetTimestamp();
                var status = await SendAsync(createRequest(Interlocked.Increment(ref next)), onAnswer, cancellationToken).ConfigureAwait(false);
                mine.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                if (status is { } code)
                {
                    statuses.AddOrUpdate(code, 1, static (_, n) => n + 1);
                }
                else
                {
                    Interlocked.Increment(ref failures);
                }
            }

            latencies.Add([.. mine]);
        }, cancellationToken))).ConfigureAwait(false);

        var elapsed = Stopwatch.GetElapsedTime(started);
        var all = latencies.SelectMany(static l => l).ToList();
        return new LoadRun(all.Count, new Dictionary<int, long>(statuses), failures, elapsed, LatencySummary.From(all), concurrency);
    }

    /// <returns>The status, or null when no answer came.</returns>
    private async Task<int?> SendAsync(HttpRequestMessage request, Action<int, string>? onAnswer, CancellationToken cancellationToken)
    {
        using (request)
        {
            try
            {
                using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                onAnswer?.Invoke((int)response.StatusCode, body);
                return (int)response.StatusCode;
            }
            catch (HttpRequestException)
            {
                return null;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null;
            }
        }
    }
}
