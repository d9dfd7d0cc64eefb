using System.Collections.Concurrent;
using System.Text.Json;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Emulator.Messages;

namespace LiveRelay.Harness.Scenarios;

/// <summary>
/// The messages the host accepted, from its 202 answers, and how each ended: a user message is known at the emulator
/// by its MsgTid (the message id); a group message by the event id its Data carries (the harness's sources put it
/// there, one message per event).
/// </summary>
internal sealed class DeliveryLedger
{
    private readonly ConcurrentDictionary<string, AcceptedMessage> _accepted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _messageByEvent = new(StringComparer.Ordinal);

    public int Count => _accepted.Count;

    public IReadOnlyCollection<AcceptedMessage> Accepted => [.. _accepted.Values];

    /// <summary>Reads a 202 answer (<c>{"status":"accepted","source","eventIds":[...],"messageIds":[...]}</c>); other answers are ignored.</summary>
    /// <returns>How many message ids it held.</returns>
    public int RecordAnswer(int status, string body, DateTimeOffset at)
    {
        if (status != 202 || string.IsNullOrEmpty(body))
        {
            return 0;
        }

        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var source = root.GetProperty("source").GetString()!;
        var eventIds = root.GetProperty("eventIds").EnumerateArray().Select(static e => e.GetString()!).ToList();
        var messageIds = root.GetProperty("messageIds").EnumerateArray().Select(static e => e.GetString()!).ToList();
        var eventId = eventIds.Count == 1 ? eventIds[0] : string.Empty;
        foreach (var id in messageIds)
        {
            _accepted.TryAdd(id, new AcceptedMessage(id, source, eventId, at));
        }

        if (eventIds.Count == 1 && messageIds.Count == 1)
        {
            _messageByEvent[eventIds[0]] = messageIds[0];
        }

        return messageIds.Count;
    }

    /// <summary>Records a message the harness put on the queue itself; a group message's Data must carry <paramref name="eventId"/> as <c>event</c>.</summary>
    public void Record(string messageId, string source, string eventId, DateTimeOffset at)
    {
        _accepted.TryAdd(messageId, new AcceptedMessage(messageId, source, eventId, at));
        _messageByEvent[eventId] = messageId;
    }

    /// <summary>The accepted message an emulator record is for, or null when it matches none.</summary>
    public string? MessageIdOf(RecordedMessage call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Action == LiveApiActions.SendLiveMessageUser)
        {
            return call.Parameters.TryGetValue("MsgTid", out var tid) && _accepted.ContainsKey(tid) ? tid : null;
        }

        if (!call.Parameters.TryGetValue("Data", out var data))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(data);
            return document.RootElement.TryGetProperty("event", out var eventId) && eventId.GetString() is { } id
                && _messageByEvent.TryGetValue(id, out var messageId) ? messageId : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public DeliveryAudit Audit(IReadOnlyList<RecordedMessage> calls, IReadOnlyCollection<ParkedMessage> parked)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(parked);
        var deliveries = new Dictionary<string, int>(StringComparer.Ordinal);
        var settledAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var unknown = 0;
        foreach (var call in calls)
        {
            if (MessageIdOf(call) is not { } id)
            {
                unknown++;
                continue;
            }

            deliveries[id] = deliveries.GetValueOrDefault(id) + 1;
            settledAt.TryAdd(id, call.ReceivedAt);
        }

        var poisoned = new HashSet<string>(StringComparer.Ordinal);
        var byCode = new Dictionary<string, int>(StringComparer.Ordinal);
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        var withoutReason = 0;
        foreach (var message in parked)
        {
            if (message.EnvelopeId is not { } id || !_accepted.ContainsKey(id) || !poisoned.Add(id))
            {
                continue;
            }

            if (message.Poison is not { } poison || string.IsNullOrWhiteSpace(poison.Reason))
            {
                withoutReason++;
                continue;
            }

            byCode[poison.Code] = byCode.GetValueOrDefault(poison.Code) + 1;
            reasons.TryAdd(poison.Code, poison.Reason);
            if (!settledAt.TryGetValue(id, out var delivered) || poison.FailedAt < delivered)
            {
                settledAt[id] = poison.FailedAt;
            }
        }

        var lost = _accepted.Keys.Where(id => !deliveries.ContainsKey(id) && !poisoned.Contains(id)).Order(StringComparer.Ordinal).ToList();
        return new DeliveryAudit(
            _accepted.Count,
            deliveries.Count,
            deliveries.Values.Sum(),
            deliveries.Where(static d => d.Value > 1).ToDictionary(static d => d.Key, static d => d.Value, StringComparer.Ordinal),
            poisoned.Count,
            byCode,
            reasons,
            withoutReason,
            poisoned.Count(deliveries.ContainsKey),
            lost,
            unknown,
            settledAt);
    }
}
