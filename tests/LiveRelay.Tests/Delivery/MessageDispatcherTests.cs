using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Delivery.Dispatch;
using LiveRelay.Messages;
using LiveRelay.Testing;
using LiveRelay.Tests.Delivery.Support;

namespace LiveRelay.Tests.Delivery;

/// <summary>Queue message text in, outcome out, through the real sender and LiveApiClient against a scripted Live API on loopback.</summary>
public sealed class MessageDispatcherTests
{
    private static readonly TimeSpan TestLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Delivers_a_user_message_from_a_base64_envelope()
    {
        await using var harness = await DeliveryHarness.StartAsync();
        var envelope = TestEnvelopes.User();

        var outcome = await harness.Dispatcher.DispatchAsync(MessageEnvelopeSerializer.SerializeToBase64(envelope)).WaitAsync(TestLimit);

        var delivered = Assert.IsType<Delivered>(outcome);
        Assert.Equal("req-0", delivered.RequestId);
        Assert.Equal(envelope.Id, delivered.MessageId);
        Assert.Equal(1, delivered.Attempts);
        var call = Assert.Single(harness.Server.Calls);
        Assert.Equal(LiveApiActions.SendLiveMessageUser, call.Action);
        Assert.Equal("AKOLD", call.AccessKeyId);
        Assert.Equal(envelope.Id, call.Parameters["MsgTid"]);
        Assert.Equal("user0", call.Parameters["ReceiverId"]);
    }

    [Fact]
    public async Task Delivers_a_group_message_from_plain_json()
    {
        await using var harness = await DeliveryHarness.StartAsync();

        var outcome = await harness.Dispatcher.DispatchAsync(MessageEnvelopeSerializer.SerializeToString(TestEnvelopes.Group())).WaitAsync(TestLimit);

        var delivered = Assert.IsType<Delivered>(outcome);
        Assert.Equal("msg-0", delivered.MessageId);
        var call = Assert.Single(harness.Server.Calls);
        Assert.Equal(LiveApiActions.SendMessageToGroup, call.Action);
        Assert.Equal("group1", call.Parameters["GroupId"]);
        Assert.Equal("{\"text\":\"hello group\"}", call.Parameters["Data"]);
    }

    [Theory]
    [InlineData(400, "InputInvalid")]
    [InlineData(404, "ResourceNotExist")]
    public async Task Permanent_errors_are_rejected_for_good_without_retries(int status, string code)
    {
        await using var harness = await DeliveryHarness.StartAsync(ScriptedAnswer.Always(ScriptedAnswer.Error(status, code)));

        var outcome = await harness.Dispatcher.DispatchAsync(MessageEnvelopeSerializer.SerializeToBase64(TestEnvelopes.User())).WaitAsync(TestLimit);

        var rejected = Assert.IsType<RejectedForGood>(outcome);
        Assert.Equal(code, rejected.Code);
        Assert.Equal($"Scripted {code}.", rejected.Message);
        Assert.Equal(1, rejected.Attempts);
        Assert.StartsWith(code + ": ", rejected.Reason, StringComparison.Ordinal);
        Assert.Single(harness.Server.Calls);
    }

    [Fact]
    public async Task Transient_failures_are_retried_then_delivered()
    {
        await using var harness = await DeliveryHarness.StartAsync(ScriptedAnswer.Sequence(
            ScriptedAnswer.ServiceUnavailable, ScriptedAnswer.Error(500, "InternalError"), ScriptedAnswer.Success));

        var outcome = await harness.Dispatcher.DispatchAsync(MessageEnvelopeSerializer.SerializeToBase64(TestEnvelopes.User())).WaitAsync(TestLimit);

        var delivered = Assert.IsType<Delivered>(outcome);
        Assert.Equal(3, delivered.Attempts);
        Assert.Equal("req-2", delivered.RequestId);
        Assert.Equal(3, harness.Server.Calls.Count);
    }

    [Fact]
    public async Task Throttling_waits_the_retry_after_the_api_asks_for_and_lowers_the_rate()
    {
        await using var harness = await DeliveryHarness.StartAsync(ScriptedAnswer.Sequence(ScriptedAnswer.ThrottlingUser(retryAfterMs: 400)));
        var configured = harness.Pacing.SendLiveMessageUser.Rate.ConfiguredRate;

        var outcome = await harness.Dispatcher.DispatchAsync(MessageEnvelopeSerializer.SerializeToBase64(TestEnvelopes.User())).WaitAsync(TestLimit);

        Assert.Equal(2, Assert.IsType<Delivered>(outcome).Attempts);
        var calls = harness.Server.Calls;
        Assert.Equal(2, calls.Count);
        Assert.True(calls[1].Arrived - calls[0].Arrived >= TimeSpan.FromMilliseconds(400), $"The retry came {(calls[1].Arrived - calls[0].Arrived).TotalMilliseconds} ms after the throttling answer.");
        Assert.True(harness.Pacing.SendLiveMessageUser.Rate.CurrentRate < configured, "Throttling lowered the pacing rate.");
        Assert.Equal(configured, harness.Pacing.SendMessageToGroup.Rate.CurrentRate);
    }

    [Fact]
    public async Task NoAuth_refreshes_the_credential_once_and_tries_once_more()
    {
        // The key was rotated: the API refuses the old one and takes the new one.
        await using var harness = await DeliveryHarness.StartAsync(call => call.AccessKeyId == "AKNEW" ? ScriptedAnswer.Success : ScriptedAnswer.NoAuth);

        var outcome = await harness.Dispatcher.DispatchAsync(MessageEnvelopeSerializer.SerializeToBase64(TestEnvelopes.User())).WaitAsync(TestLimit);

        Assert.Equal(2, Assert.IsType<Delivered>(outcome).Attempts);
        Assert.Equal(1, harness.Credentials.Refreshes);
        Assert.Equal(["AKOLD", "AKNEW"], harness.Server.Calls.Select(c => c.AccessKeyId));
    }

    [Fact]
    public async Task NoAuth_after_a_refresh_is_handed_back_without_further_tries()
    {
        await using var harness = await DeliveryHarness.StartAsync(ScriptedAnswer.Always(ScriptedAnswer.NoAuth));

        var outcome = await harness.Dispatcher.DispatchAsync(MessageEnvelopeSerializer.SerializeToBase64(TestEnvelopes.User())).WaitAsync(TestLimit);

        var later = Assert.IsType<RetryLater>(outcome);
        Assert.Equal("NoAuth", later.Code);
        Assert.Equal(2, later.Attempts);
        Assert.Equal(1, harness.Credentials.Refreshes);
        Assert.Equal(2, harness.Server.Calls.Count);
    }

    [Fact]
    public async Task A_failed_credential_refresh_hands_the_message_back()
    {
        await using var harness = await DeliveryHarness.StartAsync(ScriptedAnswer.Always(ScriptedAnswer.NoAuth));
        harness.Credentials.RefreshFails = true;

        var outcome = await harness.Dispatcher.DispatchAsync(MessageEnvelopeSerializer.SerializeToBase64(TestEnvelopes.User())).WaitAsync(TestLimit);

        var later = Assert.IsType<RetryLater>(outcome);
        Assert.Equal("CredentialRefreshFailed", later.Code);
        Assert.Equal(1, later.Attempts);
        Assert.Equal(1, harness.Credentials.Refreshes);
        Assert.Single(harness.Server.Calls);
        Assert.Contains(harness.Logs.Entries, l => l.EventId.Id == 5105 && l.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task Without_a_key_pair_yet_the_message_is_handed_back_to_wait_for_it_without_a_call()
    {
        await using var harness = await DeliveryHarness.StartAsync(ScriptedAnswer.Always(ScriptedAnswer.NoAuth));
        harness.Credentials.Unavailable = true;

        var outcome = await harness.Dispatcher.DispatchAsync(MessageEnvelopeSerializer.SerializeToBase64(TestEnvelopes.User())).WaitAsync(TestLimit);

        var later = Assert.IsType<RetryLater>(outcome);
        Assert.Equal("CredentialUnavailable", later.Code);
        Assert.Contains("'alibaba-access-key-secret'", later.Reason, StringComparison.Ordinal);
        Assert.Empty(harness.Server.Calls);
    }

    [Fact]
    public async Task Retries_stop_at_MaxAttempts_and_the_message_is_handed_back()
    {
        await using var harness = await DeliveryHarness.StartAsync(
            ScriptedAnswer.Always(ScriptedAnswer.ServiceUnavailable),
            new Dictionary<string, string?> { ["LiveRelay:Delivery:MaxAttempts"] = "3" });

        var outcome = await harness.Dispatcher.DispatchAsync(MessageEnvelopeSerializer.SerializeToBase64(TestEnvelopes.User())).WaitAsync(TestLimit);

        var later = Assert.IsType<RetryLater>(outcome);
        Assert.Equal("ServiceUnavailable", later.Code);
        Assert.Equal(3, later.Attempts);
        Assert.InRange(later.Delay, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(200));
        Assert.Equal(3, harness.Server.Calls.Count);
    }

    [Fact]
    public async Task A_retry_that_would_outlast_MaxRetryDuration_is_not_made()
    {
        await using var harness = await DeliveryHarness.StartAsync(
            ScriptedAnswer.Always(ScriptedAnswer.ThrottlingUser(retryAfterMs: 2000)),
            new Dictionary<string, string?> { ["LiveRelay:Delivery:MaxRetryDuration"] = "00:00:01" });

        var outcome = await harness.Dispatcher.DispatchAsync(MessageEnvelopeSerializer.SerializeToBase64(TestEnvelopes.User())).WaitAsync(TestLimit);

        var later = Assert.IsType<RetryLater>(outcome);
        Assert.Equal("Throttling.User", later.Code);
        Assert.Equal(1, later.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(2), later.Delay);
        Assert.Single(harness.Server.Calls);
    }

    [Fact]
    public async Task A_call_that_stalls_past_its_timeout_is_retried()
    {
        await using var harness = await DeliveryHarness.StartAsync(
            ScriptedAnswer.Sequence(ScriptedAnswer.StallFor(TimeSpan.FromSeconds(20))),
            new Dictionary<string, string?> { ["LiveRelay:AlibabaCloud:Timeout"] = "00:00:01" });

        var outcome = await harness.Dispatcher.DispatchAsync(MessageEnvelopeSerializer.SerializeToBase64(TestEnvelopes.User())).WaitAsync(TestLimit);

        Assert.Equal(2, Assert.IsType<Delivered>(outcome).Attempts);
        Assert.Equal(2, harness.Server.Calls.Count);
    }

    [Fact]
    public async Task Calls_that_keep_timing_out_are_handed_back()
    {
        await using var harness = await DeliveryHarness.StartAsync(
            ScriptedAnswer.Always(ScriptedAnswer.StallFor(TimeSpan.FromSeconds(20))),
            new Dictionary<string, string?> { ["LiveRelay:AlibabaCloud:Timeout"] = "00:00:00.200", ["LiveRelay:Delivery:MaxAttempts"] = "2" });

        var outcome = await harness.Dispatcher.DispatchAsync(MessageEnvelopeSerializer.SerializeToBase64(TestEnvelopes.User())).WaitAsync(TestLimit);

        var later = Assert.IsType<RetryLater>(outcome);
        Assert.Equal("Timeout", later.Code);
        Assert.Equal(2, later.Attempts);
    }

    [Fact]
    public async Task Network_errors_are_retried_then_handed_back()
    {
        // Nothing listens on this port: every connection is refused.
        var closed = new Uri($"http://127.0.0.1:{LoopbackPort.GetFree()}/");
        await using var harness = await DeliveryHarness.StartAsync(
            endpoint: closed, settings: new Dictionary<string, string?> { ["LiveRelay:Delivery:MaxAttempts"] = "2" });

        var outcome = await harness.Dispatcher.DispatchAsync(MessageEnvelopeSerializer.SerializeToBase64(TestEnvelopes.User())).WaitAsync(TestLimit);

        var later = Assert.IsType<RetryLater>(outcome);
        Assert.Equal("ConnectionFailed", later.Code);
        Assert.Equal(2, later.Attempts);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not an envelope at all")]
    [InlineData("{\"v\":2,\"id\":\"x\",\"kind\":\"user\"}")]
    [InlineData("{\"v\":1,\"id\":\"i\",\"kind\":\"room\",\"source\":\"s\",\"eventId\":\"e\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"request\":{}}")]
    [InlineData("eyJ2IjoxLA==")]
    public async Task Unreadable_envelopes_are_rejected_for_good_without_a_call(string text)
    {
        await using var harness = await DeliveryHarness.StartAsync();

        var outcome = await harness.Dispatcher.DispatchAsync(text).WaitAsync(TestLimit);

        var rejected = Assert.IsType<RejectedForGood>(outcome);
        Assert.Equal(RejectedForGood.InvalidEnvelope, rejected.Code);
        Assert.Equal(0, rejected.Attempts);
        Assert.Empty(harness.Server.Calls);
    }

    [Fact]
    public async Task An_unknown_envelope_version_names_the_version()
    {
        await using var harness = await DeliveryHarness.StartAsync();
        var text = MessageEnvelopeSerializer.SerializeToString(TestEnvelopes.User()).Replace("\"v\":1", "\"v\":7", StringComparison.Ordinal);

        var rejected = Assert.IsType<RejectedForGood>(await harness.Dispatcher.DispatchAsync(text).WaitAsync(TestLimit));

        Assert.Contains("version 7", rejected.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Server.Calls);
    }

    [Fact]
    public async Task A_request_that_breaks_an_api_limit_is_rejected_for_good_without_a_call()
    {
        await using var harness = await DeliveryHarness.StartAsync();
        var envelope = TestEnvelopes.User(senderId: "not letters-and-digits!");

        var outcome = await harness.Dispatcher.DispatchAsync(MessageEnvelopeSerializer.SerializeToBase64(envelope)).WaitAsync(TestLimit);

        var rejected = Assert.IsType<RejectedForGood>(outcome);
        Assert.Equal("InvalidRequest", rejected.Code);
        Assert.Contains("SenderId: must contain only letters and digits", rejected.Message, StringComparison.Ordinal);
        Assert.Equal(0, rejected.Attempts);
        Assert.Empty(harness.Server.Calls);
    }

    [Fact]
    public async Task Cancellation_stops_the_send()
    {
        await using var harness = await DeliveryHarness.StartAsync(ScriptedAnswer.Always(ScriptedAnswer.StallFor(TimeSpan.FromSeconds(20))));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => harness.Dispatcher.DispatchAsync(MessageEnvelopeSerializer.SerializeToBase64(TestEnvelopes.User()), cancel.Token).WaitAsync(TestLimit));
        Assert.Single(harness.Server.Calls);
    }
}
