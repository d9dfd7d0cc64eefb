using System.Collections.Concurrent;
using System.Diagnostics;

namespace LiveRelay.Harness.Load;

/// <summary>
/// A closed-loop load: <c>concurrency</c> workers, each starting its next operation as soon as the previous one is
/// done, until an operation count or a duration is reached (whichever comes first). A warm-up period runs the same way
/// first and is not measured. An operation returns its HTTP status, or null when it got no answer.
/// </summary>
internal static class LoadDriver
{
    /// <param name="operation">Runs operation number n (numbers are unique across the warm-up and the run).</param>
    public static async Task<LoadRun> RunAsync(
        Func<long, CancellationToken, Task<int?>> operation,
        int concurrency,
        long maxOperations,
        TimeSpan duration,
        TimeSpan warmUp,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        long next = -1;
        if (warmUp > TimeSpan.Zero)
        {
            var warmUpEnd = Stopwatch.GetTimestamp() + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                while (Stopwatch.GetTimestamp() < warmUpEnd && !cancellationToken.IsCancellationRequested)
                {
                    await operation(Interlocked.Increment(ref next), cancellationToken).ConfigureAwait(false);
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
            while (Stopwatch.GetTimestamp() < end && !cancellationToken.IsCancellationRequested && Interlocked.Increment(ref measured) <= maxOperations)
            {
                var sent = Stopwatch.GetTimestamp();
                var status = await operation(Interlocked.Increment(ref next), cancellationToken).ConfigureAwait(false);
                mine.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                Tally(status, statuses, ref failures);
            }

            latencies.Add([.. mine]);
        }, cancellationToken))).ConfigureAwait(false);

        var elapsed = Stopwatch.GetElapsedTime(started);
        var all = latencies.SelectMany(static l => l).ToList();
        return new LoadRun(all.Count, new Dictionary<int, long>(statuses), failures, elapsed, LatencySummary.From(all), concurrency);
    }

    /// <summary>
    /// An open-loop load at a fixed rate: operation n starts <c>n / rate</c> seconds after the first (a late start
    /// catches up at once), with at most <paramref name="maxInFlight"/> open at a time, for <paramref name="duration"/>.
    /// Unlike the closed loop, every subject is offered the same work per second, however fast it answers.
    /// </summary>
    public static async Task<LoadRun> RunPacedAsync(
        Func<long, CancellationToken, Task<int?>> operation,
        double ratePerSecond,
        TimeSpan duration,
        int maxInFlight,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ratePerSecond, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        using var slots = new SemaphoreSlim(maxInFlight);
        var latencies = new ConcurrentQueue<double>();
        var statuses = new ConcurrentDictionary<int, long>();
        long failures = 0;
        var count = (long)(duration.TotalSeconds * ratePerSecond);
        var tasks = new List<Task>();
        var started = Stopwatch.GetTimestamp();
        for (var n = 0L; n < count && !cancellationToken.IsCancellationRequested; n++)
        {
            var due = TimeSpan.FromSeconds(n / ratePerSecond) - Stopwatch.GetElapsedTime(started);
            if (due >= TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(due, cancellationToken).ConfigureAwait(false);
            }

            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            tasks.Add(RunOneAsync(n));
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new LoadRun(latencies.Count, new Dictionary<int, long>(statuses), failures, elapsed, LatencySummary.From([.. latencies]), maxInFlight);

        async Task RunOneAsync(long n)
        {
            try
            {
                var sent = Stopwatch.GetTimestamp();
                var status = await operation(n, cancellationToken).ConfigureAwait(false);
                latencies.Enqueue(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                Tally(status, statuses, ref failures);
            }
            finally
            {
                slots.Release();
            }
        }
    }

    /// <summary>An operation that sends request n with <paramref name="client"/> and reads the whole answer.</summary>
    /// <param name="onAnswer">Sees every answer (status and body), e.g. to record accepted message ids.</param>
    public static Func<long, CancellationToken, Task<int?>> Http(HttpClient client, Func<long, HttpRequestMessage> createRequest, Action<int, string>? onAnswer = null) =>
        async (n, cancellationToken) =>
        {
            using var request = createRequest(n);
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
        };

    /// <summary>Counts an answer by its status, or a request that got none as a failure.</summary>
    private static void Tally(int? status, ConcurrentDictionary<int, long> statuses, ref long failures)
    {
        if (status is { } code)
        {
            statuses.AddOrUpdate(code, 1, static (_, n) => n + 1);
        }
        else
        {
            Interlocked.Increment(ref failures);
        }
    }
}
