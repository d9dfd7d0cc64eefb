using System.Security.Cryptography;
using System.Text;
using LiveRelay.Messages;
using static LiveRelay.Tests.Intake.Mapping.MappingHarness;

namespace LiveRelay.Tests.Intake.Mapping;

/// <summary>Envelope ids, MsgTid, CreatedAt, trace context and delivery mode.</summary>
public sealed class EnvelopeIdentityTests
{
    private const string Rules = """
        [ { "Kind": "user", "ForEach": "$.to", "Parameters": { "AppId": "a", "ReceiverId": "{@}", "SenderId": "shop" } } ]
        """;

    private const string Event = """{"id":"evt-7","to":["u1","u2"]}""";

    [Theory]
    [InlineData("evt-7", 0)]
    [InlineData("évènement-🎉", 12)]
    [InlineData(null, 3)]
    public void A_message_id_is_the_first_half_of_the_SHA_256_of_source_event_id_and_index_whatever_their_length(string? eventId, int index)
    {
        // Ids must not change between versions: a webhook redelivered after an upgrade must map to the same messages.
        foreach (var id in eventId is null ? [new string('x', 300), new string('é', 2_000)] : new[] { eventId })
        {
            var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"src\n{id}\n{index}"))[..16]);

            Assert.Equal(expected, MessageIds.ForMessage("src", id, index));
        }
    }

    [Fact]
    public async Task A_replayed_event_yields_the_same_envelope_ids()
    {
        var host = Host(Rules, """ "EventId": { "Path": "$.id" }, """);

        var first = await host.AcceptAsync(Event);
        host.Time.Advance(TimeSpan.FromMinutes(3));
        var replay = await host.AcceptAsync(Event.Replace("\"to\"", " \"to\"", StringComparison.Ordinal));
        var other = await host.AcceptAsync(Event.Replace("evt-7", "evt-8", StringComparison.Ordinal));

        Assert.Equal(first.Envelopes.Select(e => e.Id), replay.Envelopes.Select(e => e.Id));
        Assert.Empty(first.Envelopes.Select(e => e.Id).Intersect(other.Envelopes.Select(e => e.Id)));
        Assert.Equal(["evt-7", "evt-7"], first.Envelopes.Select(e => e.EventId));
        Assert.Equal(MessageIds.ForMessage("src", "evt-7", 1), first.Envelopes[1].Id);
    }

    [Fact]
    public async Task Without_an_id_the_body_hash_identifies_the_event()
    {
        var host = Host(Rules);

        var first = await host.AcceptAsync(Event);
        var again = await host.AcceptAsync(Event);
        var changed = await host.AcceptAsync(Event + " ");

        Assert.Equal(MessageIds.ForBody(System.Text.Encoding.UTF8.GetBytes(Event)), first.EventIds[0]);
        Assert.Equal(first.Envelopes.Select(e => e.Id), again.Envelopes.Select(e => e.Id));
        Assert.NotEqual(first.EventIds[0], changed.EventIds[0]);
    }

    [Fact]
    public async Task MsgTid_is_the_envelope_id_unless_the_mapping_sets_one()
    {
        var defaulted = await Host(Rules).AcceptAsync(Event);
        var mapped = await Host("""
            [ { "Kind": "user", "ForEach": "$.to", "Parameters": { "AppId": "a", "ReceiverId": "{@}", "SenderId": "shop", "MsgTid": "{$.id?}" } } ]
            """).AcceptAsync("""{"to":["u1"]}""".Replace("{", """{"id":"tid99",""", StringComparison.Ordinal));
        var optionalMissing = await Host("""
            [ { "Kind": "user", "Parameters": { "AppId": "a", "ReceiverId": "u", "SenderId": "shop", "MsgTid": "{$.tid?}" } } ]
            """).AcceptAsync("{}");

        Assert.All(defaulted.Envelopes, e => Assert.Equal(e.Id, User(e).MsgTid));
        Assert.Equal("tid99", User(Assert.Single(mapped.Envelopes)).MsgTid);
        Assert.Equal(optionalMissing.Envelopes[0].Id, User(optionalMissing.Envelopes[0]).MsgTid);
    }

    [Fact]
    public async Task CreatedAt_comes_from_the_time_provider()
    {
        var host = Host(Rules);
        host.Time.Advance(TimeSpan.FromHours(1));

        var accepted = await host.AcceptAsync(Event);

        Assert.All(accepted.Envelopes, e => Assert.Equal(IntakeTestHost.DefaultNow.AddHours(1), e.CreatedAt));
    }

    [Fact]
    public async Task Carries_a_valid_traceparent_header_and_drops_an_invalid_one()
    {
        const string traceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        var host = Host(Rules);

        var traced = await host.AcceptAsync(Event, [new("traceparent", traceParent)]);
        var garbage = await host.AcceptAsync(Event, [new("traceparent", "00-zz-yy-01")]);

        Assert.All(traced.Envelopes, e => Assert.Equal(traceParent, e.TraceParent));
        Assert.All(garbage.Envelopes, e => Assert.Null(e.TraceParent));
    }

    [Fact]
    public async Task The_source_decides_the_delivery_mode()
    {
        var queued = await Host(Rules).AcceptAsync(Event);
        var direct = await Host(Rules, """ "Delivery": "direct", """).AcceptAsync(Event);

        Assert.Equal(LiveRelay.Intake.DeliveryMode.Queued, queued.Delivery);
        Assert.Equal(LiveRelay.Intake.DeliveryMode.Direct, direct.Delivery);
    }

    [Fact]
    public async Task Envelopes_round_trip_through_the_queue_format()
    {
        var accepted = await Host(Rules).AcceptAsync(Event);

        foreach (var envelope in accepted.Envelopes)
        {
            Assert.Equal(envelope, MessageEnvelopeSerializer.Deserialize(MessageEnvelopeSerializer.SerializeToBase64(envelope)));
        }
    }
}
