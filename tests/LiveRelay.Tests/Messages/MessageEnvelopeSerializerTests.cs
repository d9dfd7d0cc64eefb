using System.Text;
using System.Text.Json;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Messages;

namespace LiveRelay.Tests.Messages;

public sealed class MessageEnvelopeSerializerTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static MessageEnvelope UserEnvelope() => new(
        MessageIds.ForMessage("shop", "evt-1", 0),
        "shop",
        "evt-1",
        Created,
        LiveMessage.ToUser(new SendLiveMessageUserRequest { AppId = "app", ReceiverId = "u1", SenderId = "shop", Body = "hi", MsgTid = "abc123", HighReliability = true }),
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

    [Fact]
    public void Writes_the_documented_camel_case_format()
    {
        using var document = JsonDocument.Parse(MessageEnvelopeSerializer.Serialize(UserEnvelope()));
        var root = document.RootElement;

        Assert.Equal(1, root.GetProperty("v").GetInt32());
        Assert.Equal("user", root.GetProperty("kind").GetString());
        Assert.Equal("shop", root.GetProperty("source").GetString());
        Assert.Equal("evt-1", root.GetProperty("eventId").GetString());
        Assert.Equal("u1", root.GetProperty("request").GetProperty("receiverId").GetString());
        Assert.True(root.GetProperty("request").GetProperty("highReliability").GetBoolean());
        Assert.False(root.GetProperty("request").TryGetProperty("senderInfo", out _));
    }

    [Fact]
    public void Round_trips_plain_and_base64()
    {
        var envelope = UserEnvelope();

        var plain = MessageEnvelopeSerializer.Deserialize(MessageEnvelopeSerializer.SerializeToString(envelope));
        var base64 = MessageEnvelopeSerializer.Deserialize(MessageEnvelopeSerializer.SerializeToBase64(envelope));

        Assert.Equal(envelope, plain);
        Assert.Equal(envelope, base64);
    }

    [Fact]
    public void Round_trips_a_group_message()
    {
        var envelope = UserEnvelope() with
        {
            Message = LiveMessage.ToGroup(new SendMessageToGroupRequest { AppId = "a", GroupId = "g", OperatorUserId = "op", Data = "{\"t\":1}", Type = 10001, SkipAudit = false }),
        };

        Assert.Equal(envelope, MessageEnvelopeSerializer.Deserialize(MessageEnvelopeSerializer.SerializeToString(envelope)));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("not base64 !!", "neither JSON nor base64")]
    [InlineData("{\"v\":2,\"id\":\"x\"}", "version 2")]
    [InlineData("{\"id\":\"x\"}", "no version")]
    [InlineData("{\"v\":1,", "not valid JSON")]
    [InlineData("[1]", "JSON object")]
    [InlineData("{\"v\":1,\"id\":\"i\",\"kind\":\"room\",\"source\":\"s\",\"eventId\":\"e\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"request\":{}}", "kind 'room'")]
    [InlineData("{\"v\":1,\"id\":\"i\",\"kind\":\"user\",\"source\":\"s\",\"eventId\":\"e\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"request\":{\"bogus\":1}}", "bogus")]
    [InlineData("{\"v\":1,\"kind\":\"user\",\"source\":\"s\",\"eventId\":\"e\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"request\":{}}", "'id'")]
    public void Rejects_what_is_not_a_version_1_envelope(string text, string reason)
    {
        var error = Assert.Throws<EnvelopeFormatException>(() => MessageEnvelopeSerializer.Deserialize(text));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_base64_of_garbage()
    {
        var text = Convert.ToBase64String(Encoding.UTF8.GetBytes("hello"));

        Assert.Throws<EnvelopeFormatException>(() => MessageEnvelopeSerializer.Deserialize(text));
    }

    [Fact]
    public void Message_ids_are_deterministic_letters_and_digits()
    {
        var id = MessageIds.ForMessage("shop", "evt-1", 3);

        Assert.Equal(id, MessageIds.ForMessage("shop", "evt-1", 3));
        Assert.NotEqual(id, MessageIds.ForMessage("shop", "evt-1", 4));
        Assert.NotEqual(id, MessageIds.ForMessage("crm", "evt-1", 3));
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Empty(LiveMessageValidator.Validate(new SendLiveMessageUserRequest { AppId = "a", ReceiverId = "r", SenderId = "s", MsgTid = id }));
    }
}
