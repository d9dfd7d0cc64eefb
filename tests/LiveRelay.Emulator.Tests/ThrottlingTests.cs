using System.Net;
using LiveRelay.AlibabaCloud.Client;
using LiveRelay.AlibabaCloud.Signing;
using LiveRelay.Emulator.Tests.Support;
using LiveRelay.Testing;

namespace LiveRelay.Emulator.Tests;

/// <summary>
/// The per-account limits, on a clock the tests move by hand (shared by the emulator and the client), so the counts
/// are exact whatever the machine's speed.
/// </summary>
public sealed class ThrottlingTests
{
    [Fact]
    public async Task A_burst_of_twice_the_rate_gets_the_rate_through_and_the_rest_throttled()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await EmulatorHost.StartAsync(["--Emulator:RateLimits:SendMessageToGroup=20"], clock);
        var client = emulator.CreateClient(clock: clock);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            try
            {
                await client.SendMessageToGroupAsync(Calls.Group());
                return null;
            }
            catch (LiveApiException ex)
            {
                return ex;
            }
        }));

        Assert.Equal(20, outcomes.Count(static o => o is null));
        var throttled = outcomes.OfType<LiveApiException>().ToList();
        Assert.Equal(20, throttled.Count);
        Assert.All(throttled, ex =>
        {
            Assert.Equal((LiveApiErrorKind.Throttled, "Throttling.User", HttpStatusCode.BadRequest), (ex.Kind, ex.Code, ex.StatusCode));
            Assert.Equal(TimeSpan.FromMilliseconds(50), ex.RetryAfter);
        });
        var stats = await emulator.GetJsonAsync("/_emulator/stats");
        Assert.Equal(20, stats.GetProperty("throttled").GetProperty("SendMessageToGroup").GetInt64());
        Assert.Equal(20, stats.GetProperty("accepted").GetProperty("SendMessageToGroup").GetInt64());
    }

    [Theory]
    [InlineData(SignatureVersion.V3)]
    [InlineData(SignatureVersion.V1)]
    public async Task A_client_paced_at_the_rate_is_never_throttled(SignatureVersion version)
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await EmulatorHost.StartAsync(["--Emulator:RateLimits:SendLiveMessageUser=20"], clock);
        var client = emulator.CreateClient(version, clock: clock);

        for (var i = 0; i < 100; i++)
        {
            await client.SendLiveMessageUserAsync(Calls.User(msgTid: $"m{i}"));
            clock.Advance(TimeSpan.FromMilliseconds(50));
        }

        var stats = await emulator.GetJsonAsync("/_emulator/stats");
        Assert.Equal(0, stats.GetProperty("throttled").GetProperty("SendLiveMessageUser").GetInt64());
        Assert.Equal(100, stats.GetProperty("accepted").GetProperty("SendLiveMessageUser").GetInt64());
    }

    [Fact]
    public async Task A_client_sending_faster_than_the_rate_is_held_to_it()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await EmulatorHost.StartAsync(["--Emulator:RateLimits:SendLiveMessageUser=20"], clock);
        var client = emulator.CreateClient(clock: clock);
        var accepted = 0;
        var firstThrottled = -1;

        // 40 calls a second for 5 seconds: one second's worth at once, then 20 a second.
        for (var i = 0; i < 200; i++)
        {
            try
            {
                await client.SendLiveMessageUserAsync(Calls.User(msgTid: $"m{i}"));
                accepted++;
            }
            catch (LiveApiException ex) when (ex.Code == "Throttling.User")
            {
                firstThrottled = firstThrottled < 0 ? i : firstThrottled;
            }

            clock.Advance(TimeSpan.FromMilliseconds(25));
        }

        Assert.InRange(accepted, 119, 120);
        Assert.InRange(firstThrottled, 38, 42);
    }

    [Fact]
    public async Task Each_operation_has_its_own_limit_and_the_documented_defaults_apply()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await EmulatorHost.StartAsync(clock: clock);
        var client = emulator.CreateClient(clock: clock);

        var group = await CountAcceptedAsync(150, () => client.SendMessageToGroupAsync(Calls.Group()));
        var user = await CountAcceptedAsync(80, () => client.SendLiveMessageUserAsync(Calls.User(msgTid: null)));

        Assert.Equal(100, group);
        Assert.Equal(50, user);
    }

    [Fact]
    public async Task Without_the_retry_after_setting_throttled_answers_carry_no_header()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await EmulatorHost.StartAsync(
            ["--Emulator:RateLimits:SendMessageToGroup=1", "--Emulator:RateLimits:RetryAfterHeader=false"], clock);
        var client = emulator.CreateClient(clock: clock);

        await client.SendMessageToGroupAsync(Calls.Group());
        var error = await Assert.ThrowsAsync<LiveApiException>(() => client.SendMessageToGroupAsync(Calls.Group()));
        clock.Advance(TimeSpan.FromSeconds(1));
        await client.SendMessageToGroupAsync(Calls.Group());

        Assert.Equal(("Throttling.User", (TimeSpan?)null), (error.Code, error.RetryAfter));
    }

    [Fact]
    public async Task The_timestamp_window_follows_the_emulator_clock()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await EmulatorHost.StartAsync(clock: clock);
        var signedNow = Calls.SignGroup(emulator.Endpoint, timestamp: clock.GetUtcNow());
        var signedLater = Calls.SignGroup(emulator.Endpoint, timestamp: clock.GetUtcNow());

        using var first = await emulator.SendAsync(signedNow);
        clock.Advance(TimeSpan.FromMinutes(16));
        using var late = await emulator.SendAsync(signedLater);
        var answer = await ApiAnswer.ReadAsync(late);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("InvalidTimeStamp.Expired", answer.Code);
    }

    private static async Task<int> CountAcceptedAsync(int calls, Func<Task> send)
    {
        var accepted = 0;
        for (var i = 0; i < calls; i++)
        {
            try
            {
                await send();
                accepted++;
            }
            catch (LiveApiException ex) when (ex.Kind == LiveApiErrorKind.Throttled)
            {
            }
        }

        return accepted;
    }
}
