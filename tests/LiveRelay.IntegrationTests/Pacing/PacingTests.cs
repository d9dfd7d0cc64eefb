using LiveRelay.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace LiveRelay.IntegrationTests.Pacing;

/// <summary>
/// The sender paces each operation at its configured rate: the emulator, at the same limits, throttles nothing, and no
/// second of arrivals goes past what the API's one-second bucket lets through. Only upper bounds are asserted: a loaded
/// machine makes a run slower, never faster, so the throughput figures it prints belong to the harness
/// (<c>./harness.sh</c>) and <see cref="LoadTests"/>, not to a pass/fail line here.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class PacingTests(IntegrationEnvironment environment, ITestOutputHelper output)
{
    [Fact]
    public async Task Ten_seconds_at_the_configured_rates_stay_within_the_limit_with_no_throttling()
    {
        var result = await PacingRun.RunAsync(environment, groupRate: 40, userRate: 20, window: TimeSpan.FromSeconds(10));
        output.WriteLine(result.ToString());

        Assert.Empty(result.HostErrors);
        Assert.Equal(0, result.Throttled);
        foreach (var operation in new[] { result.Group, result.User })
        {
            Assert.True(operation.Delivered > 0, $"Nothing was delivered in the window: {operation}");

            // The API's bucket holds one second of calls: any one second may see at most twice the rate, by arrival.
            Assert.True(operation.BusiestSecond <= 2 * operation.Limit, $"A burst beyond the API's bucket: {operation}");
        }

        Assert.InRange(result.PeakInFlight, 1, RepositoryHostJson.MaxInFlight);
    }
}
