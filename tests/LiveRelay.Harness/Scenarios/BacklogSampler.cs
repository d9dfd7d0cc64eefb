using LiveRelay.Harness.Hosting;

namespace LiveRelay.Harness.Scenarios;

/// <summary>Reads a queue's message count every second until disposed: the backlog the host works through.</summary>
internal sealed class BacklogSampler : PeriodicSampler<BacklogSample>
{
    private readonly AzuriteQueues _queues;
    private readonly string _queue;

    public BacklogSampler(AzuriteQueues queues, string queue)
        : base(TimeSpan.FromSeconds(1))
    {
        _queues = queues;
        _queue = queue;
        Start();
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

    protected override async Task<IReadOnlyList<BacklogSample>> ReadAsync(CancellationToken cancellationToken)
    {
        var count = await _queues.CountAsync(_queue, cancellationToken).ConfigureAwait(false);
        return count >= 0 ? [new BacklogSample(DateTimeOffset.UtcNow, count)] : [];
    }
}
