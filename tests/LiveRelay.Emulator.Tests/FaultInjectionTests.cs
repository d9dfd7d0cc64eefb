using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveRelay.AlibabaCloud.Client;
using LiveRelay.Emulator.Tests.Support;

namespace LiveRelay.Emulator.Tests;

/// <summary>Each injected fault reaches our client as the failure it imitates; a seed makes the sequence repeatable.</summary>
public sealed class FaultInjectionTests
{
    [Theory]
    [InlineData("serverErrorShare", HttpStatusCode.InternalServerError, "ServerError", LiveApiErrorKind.Transient, "ServerError")]
    [InlineData("serviceUnavailableShare", HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", LiveApiErrorKind.Transient, "ServiceUnavailable")]
    [InlineData("throttlingShare", HttpStatusCode.BadRequest, "Throttling.User", LiveApiErrorKind.Throttled, "Throttling")]
    public async Task An_injected_error_answer_reaches_the_client_classified(
        string share, HttpStatusCode status, string code, LiveApiErrorKind kind, string faultName)
    {
        await using var emulator = await EmulatorHost.StartAsync();
        await emulator.PutFaultsAsync(new Dictionary<string, object> { [share] = 1.0, ["throttlingRetryAfter"] = "00:00:02.5" });

        var error = await Assert.ThrowsAsync<LiveApiException>(() => emulator.CreateClient().SendMessageToGroupAsync(Calls.Group()));

        Assert.Equal((status, code, kind), (error.StatusCode, error.Code, error.Kind));
        Assert.Equal(kind == LiveApiErrorKind.Throttled ? TimeSpan.FromMilliseconds(2500) : null, error.RetryAfter);
        Assert.Empty((await emulator.GetJsonAsync("/_emulator/messages")).EnumerateArray());
        var stats = await emulator.GetJsonAsync("/_emulator/stats");
        Assert.Equal(1, stats.GetProperty("faults").GetProperty(faultName).GetInt64());
        Assert.Equal(0, stats.GetProperty("accepted").GetProperty("SendMessageToGroup").GetInt64());
    }

    [Fact]
    public async Task A_request_that_is_never_answered_times_out_at_the_client()
    {
        await using var emulator = await EmulatorHost.StartAsync(["--Emulator:Faults:TimeoutShare=1"]);

        var error = await Assert.ThrowsAsync<LiveApiException>(
            () => emulator.CreateClient(timeout: TimeSpan.FromSeconds(1)).SendLiveMessageUserAsync(Calls.User()));

        Assert.Equal((LiveApiErrorKind.Transient, "Timeout", (HttpStatusCode?)null), (error.Kind, error.Code, error.StatusCode));
        Assert.Empty((await emulator.GetJsonAsync("/_emulator/messages")).EnumerateArray());
        Assert.Equal(1, (await emulator.GetJsonAsync("/_emulator/stats")).GetProperty("faults").GetProperty("Timeout").GetInt64());
    }

    [Fact]
    public async Task A_dropped_connection_is_a_transient_connection_failure_and_nothing_is_recorded()
    {
        await using var emulator = await EmulatorHost.StartAsync(["--Emulator:Faults:DropShare=1"]);

        var error = await Assert.ThrowsAsync<LiveApiException>(() => emulator.CreateClient().SendMessageToGroupAsync(Calls.Group()));

        Assert.Equal((LiveApiErrorKind.Transient, "ConnectionFailed"), (error.Kind, error.Code));
        Assert.Empty((await emulator.GetJsonAsync("/_emulator/messages")).EnumerateArray());
    }

    [Fact]
    public async Task A_lost_answer_fails_at_the_client_but_the_message_was_delivered()
    {
        await using var emulator = await EmulatorHost.StartAsync(["--Emulator:Faults:LostAnswerShare=1"]);

        var error = await Assert.ThrowsAsync<LiveApiException>(() => emulator.CreateClient().SendLiveMessageUserAsync(Calls.User(msgTid: "lost1")));

        Assert.Equal((LiveApiErrorKind.Transient, "ConnectionFailed"), (error.Kind, error.Code));
        var recorded = Assert.Single((await emulator.GetJsonAsync("/_emulator/messages")).EnumerateArray());
        Assert.Equal("lost1", recorded.GetProperty("MsgTid").GetString());
        var stats = await emulator.GetJsonAsync("/_emulator/stats");
        Assert.Equal(1, stats.GetProperty("faults").GetProperty("LostAnswer").GetInt64());
        Assert.Equal(1, stats.GetProperty("accepted").GetProperty("SendLiveMessageUser").GetInt64());
    }

    [Fact]
    public async Task Added_latency_longer_than_the_client_timeout_times_the_call_out()
    {
        await using var emulator = await EmulatorHost.StartAsync(["--Emulator:Faults:Latency=00:00:03"]);

        var error = await Assert.ThrowsAsync<LiveApiException>(
            () => emulator.CreateClient(timeout: TimeSpan.FromMilliseconds(300)).SendMessageToGroupAsync(Calls.Group()));
        await emulator.PutFaultsAsync(new { latency = "00:00:00.05" });
        var result = await emulator.CreateClient(timeout: TimeSpan.FromSeconds(10)).SendMessageToGroupAsync(Calls.Group());

        Assert.Equal("Timeout", error.Code);
        Assert.False(string.IsNullOrEmpty(result.MessageId));
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_fault_sequence_and_reconfiguring_restarts_it()
    {
        string[] settings =
        [
            "--Emulator:Faults:Seed=1234",
            "--Emulator:Faults:ServerErrorShare=0.25",
            "--Emulator:Faults:ServiceUnavailableShare=0.25",
            "--Emulator:Faults:ThrottlingShare=0.25",
        ];
        await using var first = await EmulatorHost.StartAsync(settings);
        await using var second = await EmulatorHost.StartAsync(settings);

        var a = await OutcomesAsync(first, 24);
        var b = await OutcomesAsync(second, 24);
        var configured = await first.GetJsonAsync("/_emulator/faults");
        await first.PutFaultsAsync(configured);
        var again = await OutcomesAsync(first, 24);
        await second.PutFaultsAsync(new { seed = 99, serverErrorShare = 0.25, serviceUnavailableShare = 0.25, throttlingShare = 0.25 });
        var otherSeed = await OutcomesAsync(second, 24);

        Assert.Equal(a, b);
        Assert.Equal(a, again);
        Assert.NotEqual(a, otherSeed);
        Assert.True(a.Distinct().Count() >= 3, $"a mixed sequence was expected: {string.Join(",", a)}");
        Assert.Equal(1234, configured.GetProperty("seed").GetInt32());
    }

    [Fact]
    public async Task Fault_settings_that_break_a_rule_are_refused_naming_the_setting()
    {
        await using var emulator = await EmulatorHost.StartAsync();

        using var tooLarge = await emulator.Control.PutAsJsonAsync(new Uri("/_emulator/faults", UriKind.Relative), new { serverErrorShare = 0.7, dropShare = 0.7 });
        using var unknown = await emulator.Control.PutAsJsonAsync(new Uri("/_emulator/faults", UriKind.Relative), new { serverErrorRate = 0.1 });
        using var negative = await emulator.Control.PutAsJsonAsync(new Uri("/_emulator/faults", UriKind.Relative), new { latency = "-00:00:01" });

        Assert.Equal(HttpStatusCode.BadRequest, tooLarge.StatusCode);
        Assert.Contains("shares together must be at most 1", await ErrorAsync(tooLarge), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("serverErrorRate", await ErrorAsync(unknown), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Contains("Latency", await ErrorAsync(negative), StringComparison.Ordinal);
        Assert.Equal(0, (await emulator.GetJsonAsync("/_emulator/faults")).GetProperty("serverErrorShare").GetDouble());
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;

    private static async Task<List<string>> OutcomesAsync(EmulatorHost emulator, int count)
    {
        var client = emulator.CreateClient();
        var outcomes = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            try
            {
                await client.SendMessageToGroupAsync(Calls.Group());
                outcomes.Add("ok");
            }
            catch (LiveApiException ex)
            {
                outcomes.Add(ex.Code);
            }
        }

        return outcomes;
    }
}
