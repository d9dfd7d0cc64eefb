using LiveRelay.Harness.Hosting;

namespace LiveRelay.Harness.Scenarios;

/// <summary>Reads a queue's message count every second until disposed: the backlog the host works through.</summary>
internal sealed class BacklogSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<BacklogSample> _samples = [];
    private readonly Lock _gate = new();
    private readonly Task _loop;

    public BacklogSampler(AzuriteQueues queues, string queue) => _loop = SampleAsync(queues, queue, _stop.Token);

    public IReadOnlyList<BacklogSample> Samples
    {
        get
        {
            lock (_gate)
            {
                return [.. _samples];
            }
        }
    }

    /// <summary>The last count read in each second from <paramref name="start"/> (carried forward over seconds without one).</summary>
    public static double[] PerSecond(IReadOnlyList<BacklogSample> samples, DateTimeOffset start, int seconds)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var values = new double[Math.Max(1, seconds)];
        var last = 0.0;
        var index = 0;
        for (var second = 0; second < values.Length; second++)
        {
            while (index < samples.Count && samples[index].At < start.AddSeconds(second + 1))
            {
                last = samples[index++].Messages;
            }

            values[second] = last;
        }

        return values;
    }

    /// <summary>Stops sampling; the samples stay readable.</summary>
    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task SampleAsync(AzuriteQueues queues, string queue, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            var count = await queues.CountAsync(queue, cancellationToken).ConfigureAwait(false);
            if (count >= 0)
            {
                lock (_gate)
                {
                    _samples.Add(new BacklogSample(DateTimeOffset.UtcNow, count));
                }
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }
}
