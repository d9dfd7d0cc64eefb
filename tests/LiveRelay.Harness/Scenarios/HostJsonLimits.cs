using System.Text.Json;
using LiveRelay.Testing;

namespace LiveRelay.Harness.Scenarios;

/// <summary>The repository's host.json queue limits, which the standalone host runs with.</summary>
internal static class HostJsonLimits
{
    /// <summary><c>batchSize + newBatchThreshold</c>: the most <c>live-messages</c> envelopes one instance holds at once.</summary>
    public static int MaxMessagesInFlight()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepoPaths.InRepo("host.json")));
        var queues = document.RootElement.GetProperty("extensions").GetProperty("queues");
        var batchSize = queues.TryGetProperty("batchSize", out var b) ? b.GetInt32() : 16;
        var threshold = queues.TryGetProperty("newBatchThreshold", out var t) ? t.GetInt32() : batchSize / 2;
        return batchSize + threshold;
    }
}
