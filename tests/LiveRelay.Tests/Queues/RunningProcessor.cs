using LiveRelay.Queues.Processing;

namespace LiveRelay.Tests.Queues;

/// <summary>A processor running in the background for one test, stopped (and awaited, within a bound) at the end.</summary>
internal sealed class RunningProcessor : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();

    private RunningProcessor(QueueProcessor processor)
    {
        Processor = processor;
        Run = Task.Run(() => processor.RunAsync(_stop.Token));
    }

    public QueueProcessor Processor { get; }

    public Task Run { get; }

    public static RunningProcessor Start(QueueProcessor processor) => new(processor);

    public async Task StopAsync(TimeSpan? within = null)
    {
        await _stop.CancelAsync();
        await Run.WaitAsync(within ?? TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            Processor.Dispose();
            _stop.Dispose();
        }
    }
}
