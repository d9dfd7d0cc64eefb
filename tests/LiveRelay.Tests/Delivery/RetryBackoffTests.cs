using LiveRelay.Delivery.Sending;

namespace LiveRelay.Tests.Delivery;

public sealed class RetryBackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(2);

    [Theory]
    [InlineData(1, 100, 200)]
    [InlineData(2, 200, 400)]
    [InlineData(3, 400, 800)]
    [InlineData(4, 800, 1600)]
    [InlineData(5, 1000, 2000)]
    [InlineData(40, 1000, 2000)]
    public void Doubles_with_jitter_between_half_and_all_of_the_capped_delay(int retry, int lowMs, int highMs)
    {
        var low = new RetryBackoff(Base, Max, () => 0.0);
        var high = new RetryBackoff(Base, Max, () => 0.999999);

        Assert.Equal(TimeSpan.FromMilliseconds(lowMs), low.DelayBefore(retry));
        Assert.InRange(high.DelayBefore(retry), TimeSpan.FromMilliseconds(highMs - 1), TimeSpan.FromMilliseconds(highMs));
    }

    [Fact]
    public void Jitter_spreads_delays()
    {
        var backoff = new RetryBackoff(Base, Max);

        var delays = Enumerable.Range(0, 50).Select(_ => backoff.DelayBefore(3)).ToHashSet();

        Assert.True(delays.Count > 10);
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(800)));
    }

    [Fact]
    public void The_api_s_retry_after_wins_even_above_the_cap()
    {
        var backoff = new RetryBackoff(Base, Max, () => 0.5);

        Assert.Equal(TimeSpan.FromMilliseconds(50), backoff.DelayBefore(4, TimeSpan.FromMilliseconds(50)));
        Assert.Equal(TimeSpan.FromSeconds(9), backoff.DelayBefore(1, TimeSpan.FromSeconds(9)));
    }
}
