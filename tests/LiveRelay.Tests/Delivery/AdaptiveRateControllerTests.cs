using LiveRelay.Delivery.Pacing;
using LiveRelay.Testing;

namespace LiveRelay.Tests.Delivery;

public sealed class AdaptiveRateControllerTests
{
    private readonly ManualTimeProvider _clock = new();

    // 100 calls/s configured, floor 5, halve on throttling, add back 5 calls/s per second.
    private AdaptiveRateController Controller() => new(100, 5, 0.5, 5, _clock);

    [Fact]
    public void Starts_at_the_configured_rate()
    {
        Assert.Equal(100, Controller().CurrentRate);
    }

    [Fact]
    public void Throttling_halves_the_rate()
    {
        var controller = Controller();

        Assert.Equal(50, controller.OnThrottled());
        Assert.Equal(50, controller.CurrentRate);
    }

    [Fact]
    public void Throttling_answers_within_a_second_of_a_decrease_lower_the_rate_only_once()
    {
        var controller = Controller();
        controller.OnThrottled();

        _clock.Advance(TimeSpan.FromMilliseconds(200));
        var second = controller.OnThrottled();
        _clock.Advance(TimeSpan.FromMilliseconds(200));
        var third = controller.OnThrottled();

        // No further halving, and the recovery restarts from each answer.
        Assert.Equal(51, second, 6);
        Assert.Equal(52, third, 6);
        Assert.Equal(52, controller.CurrentRate, 6);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal((52 + 5) / 2.0, controller.OnThrottled(), 6);
    }

    [Fact]
    public void The_rate_recovers_by_a_step_per_second_without_throttling()
    {
        var controller = Controller();
        controller.OnThrottled();

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(55, controller.CurrentRate, 6);
        _clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(75, controller.CurrentRate, 6);
    }

    [Fact]
    public void The_rate_never_recovers_above_the_configured_rate()
    {
        var controller = Controller();
        controller.OnThrottled();

        _clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(100, controller.CurrentRate);
    }

    [Fact]
    public void The_rate_never_falls_below_the_floor()
    {
        // A slow recovery (1 call/s per second), so that halving every second reaches the floor.
        var controller = new AdaptiveRateController(100, 5, 0.5, 1, _clock);
        var rates = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            rates.Add(controller.OnThrottled());
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        // 50, 25.5, 13.25, 7.125, then 4.06 held at 5.
        Assert.Equal([50, 25.5, 13.25, 7.125, 5], rates.Take(5), static (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.All(rates, r => Assert.True(r >= 5));
        Assert.Equal(5, rates[^1]);
    }

    [Theory]
    [InlineData(0, 1, 0.5, 1)]
    [InlineData(10, 20, 0.5, 1)]
    [InlineData(10, 1, 1.0, 1)]
    [InlineData(10, 1, 0.5, 0)]
    public void Refuses_settings_that_cannot_work(double configured, double minimum, double factor, double recovery)
    {
        Assert.ThrowsAny<ArgumentException>(() => new AdaptiveRateController(configured, minimum, factor, recovery, _clock));
    }
}
