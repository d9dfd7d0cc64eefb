using Microsoft.Extensions.Hosting;

namespace LiveRelay.Queues.Processing;

/// <summary>
/// Runs a <see cref="QueueProcessor"/> as a hosted service. Stopping the host stops the processor gracefully; keep
/// <see cref="QueueProcessingOptions.ShutdownGracePeriod"/> below the host's shutdown timeout.
/// </summary>
public sealed class QueueProcessorService(QueueProcessor processor) : BackgroundService
{
    public QueueProcessor Processor { get; } = processor ?? throw new ArgumentNullException(nameof(processor));

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Processor.RunAsync(stoppingToken);

    public override void Dispose()
    {
        base.Dispose();
        Processor.Dispose();
    }
}
