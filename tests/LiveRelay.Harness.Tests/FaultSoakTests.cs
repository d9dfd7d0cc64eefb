using System.Xml.Linq;
using LiveRelay.Emulator.Faults;
using LiveRelay.Harness.Reporting;
using LiveRelay.Harness.Scenarios;
using LiveRelay.Harness.Sources;
using Xunit.Abstractions;

namespace LiveRelay.Harness.Tests;

/// <summary>
/// The short fault soak (issue 8): the standalone host as its own process, queues on Azurite, the emulator injecting
/// seeded 500s, 503s, throttling, timeouts and dropped connections, and the host killed with SIGKILL and started again
/// mid-run. Every accepted message must end delivered or parked with a reason; none may be lost.
/// </summary>
public sealed class FaultSoakTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("liverelay-soak-").FullName;

    [Fact]
    public async Task Nothing_accepted_is_lost_through_faults_and_a_killed_host()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        using var progress = new StringWriter();
        var options = FaultSoakOptions.Short;

        var result = await new FaultSoakScenario(new RunContext(_folder, progress), options).RunAsync(limit.Token);
        output.WriteLine(progress.ToString());
        output.WriteLine($"accepted {result.Audit.Accepted}, delivered {result.Audit.Delivered}, poisoned {result.Audit.Poisoned}, lost {result.Audit.Lost.Count}, " +
            $"duplicates {result.Audit.DuplicateDeliveries}, faults {string.Join(", ", result.Emulator.Faults.Select(f => $"{f.Key}={f.Value}"))}, " +
            $"recovery {result.RecoveryTime?.TotalSeconds:0.0} s");

        Assert.Equal(0, result.Webhooks.Rejected);
        Assert.Equal(result.Webhooks.Events, result.Webhooks.Accepted);
        Assert.True(result.Audit.Accepted >= result.Webhooks.Accepted, "every accepted webhook's message is in the ledger");
        Assert.True(result.Killed > result.Start && result.Ready > result.Killed, "the host was killed and a new one came up");
        Assert.True(result.AcceptedBeforeKill > 0 && result.AcceptedBeforeKill < result.Audit.Accepted, "messages were accepted on both sides of the kill");
        Assert.NotNull(result.FirstDeliveryAfterRestart);
        Assert.Empty(result.Audit.Lost);
        Assert.Equal(0, result.Audit.ParkedWithoutReason);
        Assert.Equal(result.Audit.Accepted, result.Audit.Delivered + result.Audit.Poisoned - result.Audit.DeliveredAndPoisoned);
        Assert.NotNull(result.RecoveryTime);

        // The messages for an app the API does not know are refused for good and parked with the API's reason.
        var unknownApp = result.Audit.PoisonedByCode.GetValueOrDefault("ResourceNotExist");
        Assert.True(unknownApp > 0, $"poisoned: {string.Join(", ", result.Audit.PoisonedByCode)}");
        Assert.Contains(HarnessSources.UnknownApp, result.Audit.ReasonByCode["ResourceNotExist"], StringComparison.Ordinal);

        // The report says so, with charts a browser can draw.
        var report = File.ReadAllText(MarkdownReport.Write(_folder, new HarnessResults(null, null, result, null, TimeSpan.FromMinutes(1)), commit: null));
        Assert.Contains("| **lost** | **0** |", report, StringComparison.Ordinal);
        Assert.Contains("![delivered rate over time](soak-rate.svg)", report, StringComparison.Ordinal);
        var chart = XDocument.Load(Path.Combine(_folder, "soak-rate.svg"));
        Assert.Equal(2, chart.Descendants(XName.Get("polyline", "http://www.w3.org/2000/svg")).Count());

        // Every kind of fault was really injected.
        foreach (var kind in new[] { FaultKind.ServerError, FaultKind.ServiceUnavailable, FaultKind.Throttling, FaultKind.Timeout, FaultKind.Drop })
        {
            Assert.True(result.Emulator.Faults.GetValueOrDefault(kind.ToString()) > 0, $"no {kind} was injected");
        }
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
