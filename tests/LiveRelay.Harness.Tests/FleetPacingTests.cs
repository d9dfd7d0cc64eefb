using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Harness.Scenarios;
using Xunit.Abstractions;

namespace LiveRelay.Harness.Tests;

/// <summary>
/// Issue 11's fleet pacing, short: two standalone host processes share one Azurite (queues and the coordinator's table)
/// and an emulator at 20 and 10 calls a second, with the queue kept topped up for 20 s. It checks the mechanism, not
/// throughput (CI is a loaded 2-core machine): each process reports a share of each limit, none above it, and nothing
/// enqueued is lost.
/// </summary>
public sealed class FleetPacingTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("liverelay-fleet-").FullName;

    [Fact]
    public async Task Two_hosts_each_take_a_share_of_every_limit_and_lose_nothing()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        using var progress = new StringWriter();
        var options = FleetOptions.Ci;

        var result = await new FleetScenario(new RunContext(_folder, progress), options).RunCaseAsync(options.Cases[0], limit.Token);
        output.WriteLine(progress.ToString());
        foreach (var process in result.Processes)
        {
            output.WriteLine($"process {process.Number}: {string.Join("; ", process.Shares.Select(s => $"{s.At:HH:mm:ss.fff} {s.Operation} {s.Share}/{s.Limit} ({s.Holders})"))}");
        }

        var windowEnd = result.Start + result.Window;
        foreach (var (operation, operationLimit) in new[] { (LiveApiActions.SendMessageToGroup, options.GroupLimit), (LiveApiActions.SendLiveMessageUser, options.UserLimit) })
        {
            foreach (var process in result.Processes)
            {
                // While the queue was topped up; after the window each host drains what is left and gives its share back.
                var shares = process.Shares.Where(s => s.Operation == operation && s.At < windowEnd).ToList();
                Assert.True(shares.Count > 0, $"process {process.Number} reported no share of {operation}");
                Assert.All(shares, s => Assert.InRange(s.Share, 0, operationLimit));
                Assert.All(shares, s => Assert.Equal(operationLimit, s.Limit));

                // Both busy for the whole window: each ends with a share, and sees the other.
                Assert.True(shares[^1].Share > 0, $"process {process.Number} ended with no share of {operation}");
                Assert.Equal(2, shares[^1].Holders);
            }

            // The coordinator's record, read five times a second: what is granted on live leases never adds up to more
            // than the limit, and both processes held a share at once.
            var granted = result.Coordinator.Where(s => s.Operation == operation).ToList();
            Assert.True(granted.Count >= 20, $"{granted.Count} reads of the coordinator for {operation}");
            Assert.All(granted, s => Assert.True(s.Granted <= operationLimit + 1e-9, $"{s.Granted}/s granted for {operation} at {s.At:HH:mm:ss.fff}"));
            Assert.Contains(granted, static s => s.Holders == 2);
        }

        Assert.Equal(0, result.Lost);
        Assert.Equal(0, result.Audit.Poisoned);
        Assert.Equal(0, result.StillQueued);
        Assert.True(result.Audit.Accepted > 0);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
