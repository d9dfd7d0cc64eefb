using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Messages;

namespace LiveRelay.Tests.Delivery.Support;

/// <summary>Envelopes as intake makes them: deterministic ids, the id as MsgTid for user messages.</summary>
internal static class TestEnvelopes
{
    public const string Source = "shop";
    public static readonly DateTimeOffset Created = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    public static MessageEnvelope User(string eventId = "evt-1", int index = 0, string body = "{\"text\":\"hello\"}", string senderId = "shop")
    {
        var id = MessageIds.ForMessage(Source, eventId, index);
        return new MessageEnvelope(
            id,
            Source,
            eventId,
            Created,
            LiveMessage.ToUser(new SendLiveMessageUserRequest { AppId = "app1", ReceiverId = $"user{index}", SenderId = senderId, Body = body, MsgTid = id }));
    }

    public static MessageEnvelope Group(string eventId = "evt-1", int index = 0, string data = "{\"text\":\"hello group\"}")
    {
        var id = MessageIds.ForMessage(Source, eventId, index);
        return new MessageEnvelope(
            id,
            Source,
            eventId,
            Created,
            LiveMessage.ToGroup(new SendMessageToGroupRequest { AppId = "app1", GroupId = "group1", OperatorUserId = "op1", Type = 10001, Data = data }));
    }
}
