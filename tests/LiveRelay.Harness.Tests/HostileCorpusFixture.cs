using LiveRelay.Harness.Hostile;
using LiveRelay.Testing;

namespace LiveRelay.Harness.Tests;

/// <summary>Runs the whole corpus once (Azurite, the emulator and the standalone host in this process) for every test that reads its results.</summary>
public sealed class HostileCorpusFixture : IAsyncLifetime
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(4);

    private HostileRunResult? _result;

    internal HostileRunResult Result => _result ?? throw new InvalidOperationException("The corpus has not run.");

    public async Task InitializeAsync()
    {
        using var limit = new CancellationTokenSource(RunLimit);
        await using var azurite = await AzuriteQueueServer.StartAsync(new AzuriteQueueServerOptions { TableService = true }, limit.Token);
        await using var host = await HostileHost.StartAsync(azurite, limit.Token);
        _result = await new HostileCorpusRunner(host).RunAsync(HostileCorpus.Load(), limit.Token);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
