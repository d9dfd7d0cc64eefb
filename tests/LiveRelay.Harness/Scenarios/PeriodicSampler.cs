namespace LiveRelay.Harness.Scenarios;

/// <summary>Takes readings at a fixed interval, from when the derived class calls <see cref="Start"/> until stopped; the readings stay readable.</summary>
internal abstract class PeriodicSampler<TSample> : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<TSample> _samples = [];
    private readonly TimeSpan _interval;
    private Task _loop = Task.CompletedTask;

    protected PeriodicSampler(TimeSpan interval) => _interval = interval;

    public IReadOnlyList<TSample> Samples
    {
        get
        {
            lock (_gate)
            {
                return [.. _samples];
            }
        }
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
        GC.SuppressFinalize(this);
    }

    /// <summary>Starts the readings; the derived constructor calls it last, once what <see cref="ReadAsync"/> uses is set.</summary>
    protected void Start() => _loop = LoopAsync(_stop.Token);

    /// <summary>One round of readings (none when the thing read did not answer this time).</summary>
    protected abstract Task<IReadOnlyList<TSample>> ReadAsync(CancellationToken cancellationToken);

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_interval);
        do
        {
            var samples = await ReadAsync(cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                _samples.AddRange(samples);
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }
}
