using LiveRelay.Harness.Hosting;
using LiveRelay.Harness.Sources;
using LiveRelay.Queues;
using LiveRelay.Testing;

namespace LiveRelay.Harness.Scenarios;

/// <summary>
/// What every process-based run stands on: Azurite (its own process), the emulator (in this process), the harness's
/// sources and keys, and a client for the queues. Disposing stops everything it started.
/// </summary>
internal sealed class ScenarioEnvironment : IAsyncDisposable
{
    private ScenarioEnvironment(AzuriteQueueServer azurite, EmulatorServer emulator)
    {
        Azurite = azurite;
        Emulator = emulator;
        Queues = new AzuriteQueues(azurite);
        MessagesPoison = new PoisonQueueReader(Queues.Get(QueueNames.PoisonQueueFor(QueueNames.LiveMessages)));
    }

    public AzuriteQueueServer Azurite { get; }

    public EmulatorServer Emulator { get; }

    public HarnessSources Sources { get; } = new();

    public AzuriteQueues Queues { get; }

    public PoisonQueueReader MessagesPoison { get; }

    public static async Task<ScenarioEnvironment> StartAsync(CancellationToken cancellationToken)
    {
        var azurite = await AzuriteQueueServer.StartAsync(new AzuriteQueueServerOptions { TableService = true }, cancellationToken).ConfigureAwait(false);
        try
        {
            var emulator = await EmulatorServer.StartAsync([HarnessSources.KnownApp], cancellationToken).ConfigureAwait(false);
            return new ScenarioEnvironment(azurite, emulator);
        }
        catch
        {
            await azurite.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Dictionary<string, string> HostSettings(IReadOnlyDictionary<string, string>? overrides = null) =>
        Sources.HostSettings(Azurite.ConnectionString, Emulator.Endpoint, overrides);

    /// <summary>Waits until every accepted message is delivered or parked (and, if asked, live-messages is empty), or the time is up.</summary>
    public async Task<DeliveryAudit> WaitForSettledAsync(DeliveryLedger ledger, TimeSpan timeout, bool queueMustBeEmpty, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            await MessagesPoison.ReadAsync(cancellationToken).ConfigureAwait(false);
            var audit = ledger.Audit(Emulator.Recorded(), MessagesPoison.Parked);
            var settled = audit.IsSettled
                && (!queueMustBeEmpty || await Queues.CountAsync(QueueNames.LiveMessages, cancellationToken).ConfigureAwait(false) == 0);
            if (settled || DateTimeOffset.UtcNow >= deadline)
            {
                return audit;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Queues.Dispose();
        await Emulator.DisposeAsync().ConfigureAwait(false);
        await Azurite.DisposeAsync().ConfigureAwait(false);
    }
}
