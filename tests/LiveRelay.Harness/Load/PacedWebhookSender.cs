using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace LiveRelay.Harness.Load;

/// <summary>
/// An open-loop sender that behaves like a webhook provider: it starts one webhook every <c>1 / rate</c> seconds, and
/// resends any that got no answer, a 5xx or a 429 (a new signature each time, the same event id) until it is accepted
/// or the run's time is up. At most <c>maxInFlight</c> requests are open at once.
/// </summary>
internal sealed class PacedWebhookSender(HttpClient client, int maxInFlight = 64)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);

    /// <param name="createRequest">Makes an attempt at webhook n (signed anew for every attempt).</param>
    /// <param name="onAccepted">Sees each 202 answer's body.</param>
    /// <param name="giveUpAt">After this, failed webhooks are not tried again.</param>
    public async Task<PacedRun> RunAsync(
        Func<int, HttpRequestMessage> createRequest, int events, double ratePerSecond, Action<string> onAccepted, DateTimeOffset giveUpAt,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(createRequest);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ratePerSecond, 0);
        using var slots = new SemaphoreSlim(maxInFlight);
        var failures = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        int accepted = 0, rejected = 0, gaveUp = 0;
        long attempts = 0;
        var clock = Stopwatch.StartNew();
        var tasks = new List<Task>(events);
        for (var n = 0; n < events; n++)
        {
            var due = TimeSpan.FromSeconds(n / ratePerSecond) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken).ConfigureAwait(false);
            }

            var number = n;
            tasks.Add(Task.Run(async () =>
            {
                while (true)
                {
                    Interlocked.Increment(ref attempts);
                    var outcome = await AttemptAsync(createRequest(number), slots, onAccepted, cancellationToken).ConfigureAwait(false);
                    if (outcome == "accepted")
                    {
                        Interlocked.Increment(ref accepted);
                        return;
                    }

                    if (outcome.StartsWith("refused", StringComparison.Ordinal))
                    {
                        failures.AddOrUpdate(outcome, 1, static (_, c) => c + 1);
                        Interlocked.Increment(ref rejected);
                        return;
                    }

                    failures.AddOrUpdate(outcome, 1, static (_, c) => c + 1);
                    if (DateTimeOffset.UtcNow + RetryDelay > giveUpAt)
                    {
                        Interlocked.Increment(ref gaveUp);
                        return;
                    }

                    await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
                }
            }, cancellationToken));
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        return new PacedRun(events, accepted, rejected, gaveUp, attempts, new Dictionary<string, long>(failures, StringComparer.Ordinal));
    }

    /// <returns>"accepted", "refused &lt;status&gt;" (for good), or the cause of a failure worth retrying.</returns>
    private async Task<string> AttemptAsync(HttpRequestMessage request, SemaphoreSlim slots, Action<string> onAccepted, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using (request)
            {
                using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (status == 202)
                {
                    onAccepted(body);
                    return "accepted";
                }

                var code = status.ToString(CultureInfo.InvariantCulture);
                return status is >= 500 or 429 or 408 ? "HTTP " + code : "refused " + code;
            }
        }
        catch (HttpRequestException ex)
        {
            return ex.HttpRequestError == HttpRequestError.ConnectionError ? "no connection" : "connection lost";
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "timeout";
        }
        finally
        {
            slots.Release();
        }
    }
}
