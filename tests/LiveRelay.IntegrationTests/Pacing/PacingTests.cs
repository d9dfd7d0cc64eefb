using LiveRelay.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace LiveRelay.IntegrationTests.Pacing;

/// <summary>
/// The sender paces each operation at its configured rate: the emulator, at the same limits, throttles nothing, and
/// almost all of the limit is used. A short run at lower rates; <see cref="LoadTests"/> has the 60-second run at the real limits.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class PacingTests(IntegrationEnvironment environment, ITestOutputHelper output)
{
    [Fact]
    public async Task Ten_seconds_at_the_configured_rates_deliver_at_least_90_percent_of_the_limit_with_no_throttling()
    {
        var result = await PacingRun.RunAsync(environment, groupRate: 40, userRate: 20, window: TimeSpan.FromSeconds(10));
        output.WriteLine(result.ToString());

        Assert.Empty(result.HostErrors);
        Assert.Equal(0, result.Throttled);
        foreach (var operation in new[] { result.Group, result.User })
        {
            Assert.True(operation.Share >= 0.9, $"Only {operation.Share:0.000} of the limit was used: {operation}");
        }

        Assert.InRange(result.PeakInFlight, 1, RepositoryHostJson.MaxInFlight);
    }
}
