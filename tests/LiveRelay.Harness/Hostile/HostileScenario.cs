using LiveRelay.Harness.Scenarios;
using LiveRelay.Testing;

namespace LiveRelay.Harness.Hostile;

/// <summary>The hostile-input corpus against the standalone host in this process, with queues on its own Azurite.</summary>
internal sealed class HostileScenario(RunContext context)
{
    public async Task<HostileRunResult> RunAsync(CancellationToken cancellationToken)
    {
        var cases = HostileCorpus.Load();
        context.Say($"hostile: {cases.Count} cases from {HostileCorpus.Directory}");
        await using var azurite = await AzuriteQueueServer.StartAsync(new AzuriteQueueServerOptions { TableService = true }, cancellationToken).ConfigureAwait(false);
        await using var host = await HostileHost.StartAsync(azurite, cancellationToken).ConfigureAwait(false);
        var result = await new HostileCorpusRunner(host).RunAsync(cases, cancellationToken).ConfigureAwait(false);
        context.Say($"hostile: {result.Passed} passed, {result.Failed} failed");
        return result;
    }
}
