using LiveRelay.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace LiveRelay.IntegrationTests.Pacing;

/// <summary>
/// The 60-second run at the documented limits (SendMessageToGroup 100/s, SendLiveMessageUser 50/s, one instance), the
/// emulator at the same limits. Too long for every test run: it runs when <c>LIVERELAY_LOAD=1</c>
/// (<c>LIVERELAY_LOAD=1 dotnet test tests/LiveRelay.IntegrationTests --filter Category=Load</c>).
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class LoadTests(IntegrationEnvironment environment, ITestOutputHelper output)
{
    [LoadFact]
    [Trait("Category", "Load")]
    public async Task Sixty_seconds_at_the_real_limits_deliver_at_least_98_percent_of_the_limit_with_no_throttling()
    {
        var result = await PacingRun.RunAsync(environment, groupRate: 100, userRate: 50, window: TimeSpan.FromSeconds(60));
        output.WriteLine(result.ToString());

        Assert.Empty(result.HostErrors);
        Assert.Equal(0, result.Throttled);
        Assert.True(result.Group.Share >= 0.98, result.Group.ToString());
        Assert.True(result.User.Share >= 0.98, result.User.ToString());
        Assert.InRange(result.PeakInFlight, 1, RepositoryHostJson.MaxInFlight);
    }
}
