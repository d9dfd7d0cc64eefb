using LiveRelay.Delivery;
using LiveRelay.Delivery.Pacing;
using LiveRelay.Delivery.Pacing.Fleet;
using LiveRelay.Delivery.Telemetry;
using LiveRelay.Tests.Delivery.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveRelay.Tests.Delivery.Fleet;

/// <summary>One sending process of a simulated fleet: its pacing and its coordinator, on the test's clock and store.</summary>
internal sealed class FleetProcess : IAsyncDisposable
{
    private readonly LoggerFactory _loggerFactory;
    private readonly DeliveryMetrics _metrics = new();

    public FleetProcess(IFleetShareStore store, TimeProvider clock, FleetPacingOptions? fleet = null, double groupLimit = 100, double userLimit = 50)
    {
        Store = new SwitchableShareStore(store);
        Logs = new CapturingLoggerProvider();
        _loggerFactory = new LoggerFactory([Logs]);
        Pacing = new DeliveryPacing(Options.Create(new DeliveryOptions { SendMessageToGroup = groupLimit, SendLiveMessageUser = userLimit }), clock, _metrics, startWithoutShare: true);
        Coordinator = new FleetPacingCoordinator(
            Pacing, Store, Options.Create(fleet ?? new FleetPacingOptions()), clock, _metrics, _loggerFactory.CreateLogger<FleetPacingCoordinator>());
    }

    public SwitchableShareStore Store { get; }

    public CapturingLoggerProvider Logs { get; }

    public DeliveryPacing Pacing { get; }

    public FleetPacingCoordinator Coordinator { get; }

    public OperationPacing Group => Pacing.SendMessageToGroup;

    /// <summary>Messages waiting to be sent, as the sender counts them.</summary>
    public void AddDemand(int messages, OperationPacing? operation = null)
    {
        for (var i = 0; i < messages; i++)
        {
            (operation ?? Group).BeginSend();
        }
    }

    public void RemoveDemand(int messages, OperationPacing? operation = null)
    {
        for (var i = 0; i < messages; i++)
        {
            (operation ?? Group).EndSend();
        }
    }

    public Task RenewAsync() => Coordinator.RenewAsync();

    public ValueTask DisposeAsync()
    {
        Coordinator.Dispose();
        Pacing.Dispose();
        _metrics.Dispose();
        _loggerFactory.Dispose();
        return ValueTask.CompletedTask;
    }
}
