using System.Globalization;
using System.Text.Json;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Harness.Sources;
using LiveRelay.Messages;

namespace LiveRelay.Harness.Scenarios;

/// <summary>
/// The envelopes the fleet run puts straight on <c>live-messages</c> (as the intake would), recorded in a
/// <see cref="DeliveryLedger"/> once they are on the queue: a user message is known at the emulator by its MsgTid (the
/// envelope id), a group message by the event id its Data carries.
/// </summary>
internal sealed class FleetEnvelopes(DeliveryLedger ledger, string prefix)
{
    public const string Source = "fleet";

    private long _next;

    /// <summary>A new envelope of <paramref name="kind"/>, not yet in the ledger.</summary>
    public FleetEnvelope Next(MessageKind kind)
    {
        var n = Interlocked.Increment(ref _next);
        var eventId = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{n:D7}");
        var id = MessageIds.ForMessage(Source, eventId, 0);
        LiveMessage message = kind == MessageKind.Group
            ? LiveMessage.ToGroup(new SendMessageToGroupRequest
            {
                AppId = HarnessSources.KnownApp,
                GroupId = string.Create(CultureInfo.InvariantCulture, $"room{n % 20}"),
                OperatorUserId = "harness",
                Type = 10010,
                Data = JsonSerializer.Serialize(new { @event = eventId, text = "fleet pacing" }),
            })
            : LiveMessage.ToUser(new SendLiveMessageUserRequest
            {
                AppId = HarnessSources.KnownApp,
                ReceiverId = string.Create(CultureInfo.InvariantCulture, $"u{n:D7}"),
                SenderId = "harness",
                MsgType = 10001,
                Body = "fleet pacing",
                MsgTid = id,
            });
        return new FleetEnvelope(id, eventId, kind, MessageEnvelopeSerializer.SerializeToBase64(new MessageEnvelope(id, Source, eventId, DateTimeOffset.UtcNow, message)));
    }

    /// <summary>Records an envelope that is on the queue now.</summary>
    public void Enqueued(FleetEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ledger.Record(envelope.Id, Source, envelope.EventId, DateTimeOffset.UtcNow);
    }
}
