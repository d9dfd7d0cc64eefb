using LiveRelay.Queues.Processing;
using LiveRelay.Testing;

namespace LiveRelay.IntegrationTests.Infrastructure;

/// <summary>The repository's host.json, which both hosts read: tests that do not override it check against its values.</summary>
internal static class RepositoryHostJson
{
    private static readonly Lazy<HostJsonQueueOptions> Queues = new(() => HostJsonQueueOptionsLoader.Load(RepoPaths.InRepo("host.json")));

    /// <summary>batchSize + newBatchThreshold: the most messages one host holds at once.</summary>
    public static int MaxInFlight => Queues.Value.BatchSize + Queues.Value.EffectiveNewBatchThreshold;
}
