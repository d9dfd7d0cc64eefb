using LiveRelay.Intake.Formats;
using LiveRelay.Intake.Input;
using LiveRelay.Intake.Mapping;
using LiveRelay.Intake.Results;
using LiveRelay.Messages;
using Newtonsoft.Json.Linq;

namespace LiveRelay.Intake.Processing;

/// <summary>
/// Maps a verified, parsed request through its source: splits it into events (format), finds each event's id, applies
/// the filter and the rules, and validates every produced request. All or nothing: any error rejects the whole request.
/// </summary>
internal sealed class EventProcessor(int maxMessages, int maxBytes, TimeProvider timeProvider)
{
    // Filled afresh for every message (TryFill clears it) and never held past a call, which never awaits: one per
    // thread rather than three arrays per request.
    [ThreadStatic]
    private static RequestFields? t_fields;

    public IntakeResult Process(CompiledSource source, JToken root, ReadOnlySpan<byte> body, WebhookHeaders headers, string? givenEventId, string? traceParent)
    {
        if (!EventFormatReader.TryRead(source.Format, root, out var batch, out var formatError))
        {
            return Reject(source, IntakeRejectionKind.MalformedEvent, formatError!);
        }

        if (batch.ValidationCode is { } code)
        {
            return new IntakeHandshake { Source = source.Name, Body = HandshakeBody(code) };
        }

        var createdAt = timeProvider.GetUtcNow();
        var envelopes = new List<MessageEnvelope>();
        var eventIds = new List<string>(batch.Events.Count);
        var ignored = new List<IgnoredEvent>();
        var errors = new IntakeErrorList();
        var fields = t_fields ??= new RequestFields();
        var produced = 0;
        long producedBytes = 0;
        for (var e = 0; e < batch.Events.Count && !errors.IsFull; e++)
        {
            var incoming = batch.Events[e];
            int? eventIndex = batch.IsBatch ? e : null;
            var hasId = TryGetEventId(source, incoming, e, batch, body, headers, givenEventId, out var eventId, out var idError);

            // Filtering comes first: an event that is ignored anyway needs no id (it is reported with one when it has one).
            if (!PassesFilter(source, incoming.Event, headers, out var reason) || !AnyRuleApplies(source, incoming.Event, headers, out reason))
            {
                ignored.Add(new IgnoredEvent(hasId ? eventId! : string.Empty, reason!));
                continue;
            }

            if (!hasId)
            {
                errors.Add(IntakeRejectionKind.MalformedEvent, new IntakeError("EventId", idError!, Event: eventIndex));
                continue;
            }

            eventIds.Add(eventId!);
            var scope = new MappingScope(source.Name, eventId!, incoming.Event, headers);
            var messageIndex = 0;
            foreach (var rule in source.Rules)
            {
                if (!rule.Applies(incoming.Event, headers))
                {
                    continue;
                }

                if (!rule.TrySelectElements(incoming.Event, out var elements, out var selectError))
                {
                    errors.Add(IntakeRejectionKind.MappingFailed, new IntakeError("ForEach", selectError!, rule.Name, Event: eventIndex));
                    continue;
                }

                // Checked before any element is built, so an oversized fan-out costs nothing.
                produced += elements.Count;
                if (produced > maxMessages)
                {
                    return Reject(
                        source,
                        IntakeRejectionKind.TooManyMessages,
                        $"Rule '{rule.Name}' would bring the request to {produced} messages; at most {maxMessages} are allowed per request (LiveRelay:Intake:MaxMessagesPerEvent).");
                }

                for (var i = 0; i < elements.Count && !errors.IsFull; i++)
                {
                    scope.Element = elements[i];
                    scope.Index = i;
                    int? fanOutIndex = rule.ForEach is null ? null : i;
                    var id = MessageIds.ForMessage(source.Name, eventId!, messageIndex++);
                    if (!rule.TryFill(fields, scope, out var failure))
                    {
                        errors.Add(IntakeRejectionKind.MappingFailed, new IntakeError(failure.Field, failure.Message, rule.Name, fanOutIndex, eventIndex));
                        continue;
                    }

                    if (rule.Kind == MessageKind.User && !fields.HasText(LiveParameterId.MsgTid))
                    {
                        fields.SetText(LiveParameterId.MsgTid, id);
                    }

                    // Counted as each message is made, so an event that asks for too much stops here, before it is all in memory.
                    producedBytes += fields.TextBytes();
                    if (producedBytes > maxBytes)
                    {
                        return Reject(
                            source,
                            IntakeRejectionKind.PayloadTooLarge,
                            $"Rule '{rule.Name}' would bring the messages' content past {maxBytes} bytes at message {messageIndex}; at most {maxBytes} bytes are allowed per request (LiveRelay:Intake:MaxBytesPerEvent).");
                    }

                    var message = fields.Build(rule.Kind);
                    var failures = message.Validate();
                    foreach (var invalid in failures)
                    {
                        errors.Add(IntakeRejectionKind.InvalidMessage, new IntakeError(invalid.Field, invalid.Rule, rule.Name, fanOutIndex, eventIndex));
                    }

                    if (failures.Count == 0 && errors.Count == 0)
                    {
                        envelopes.Add(new MessageEnvelope(id, source.Name, eventId!, createdAt, message, traceParent));
                    }
                }
            }
        }

        if (errors.Count > 0)
        {
            var what = errors.Kind == IntakeRejectionKind.InvalidMessage
                ? "A produced message request breaks an API limit"
                : errors.Kind == IntakeRejectionKind.MappingFailed ? "The mapping cannot be applied to the event" : "The event has no usable id";
            return new IntakeRejected { Source = source.Name, Kind = errors.Kind, Detail = errors.Describe(what), Errors = errors.Errors };
        }

        if (eventIds.Count == 0)
        {
            return new IntakeIgnored { Source = source.Name, Reason = ignored[0].Reason, Events = ignored };
        }

        return new IntakeAccepted { Source = source.Name, Delivery = source.Delivery, Envelopes = envelopes, EventIds = eventIds, Ignored = ignored };
    }

    public static string HandshakeBody(string validationCode)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("validationResponse", validationCode);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static bool TryGetEventId(
        CompiledSource source, IncomingEvent incoming, int index, EventBatch batch, ReadOnlySpan<byte> body, WebhookHeaders headers,
        string? givenEventId, out string? eventId, out string? error)
    {
        error = null;
        var perEvent = givenEventId is null && source.EventId.IsPerEvent;
        if (givenEventId is not null)
        {
            eventId = givenEventId;
        }
        else if (!source.EventId.TryGet(incoming.Event, incoming.FormatId, headers, body, out eventId, out error))
        {
            return false;
        }

        // A header or body hash is shared by every event of a batch; the event's position keeps their messages apart.
        if (!perEvent && batch.Events.Count > 1)
        {
            eventId = $"{eventId}/{index}";
        }

        return true;
    }

    private static bool PassesFilter(CompiledSource source, JToken @event, WebhookHeaders headers, out string? reason)
    {
        foreach (var condition in source.Filter)
        {
            if (!condition.Matches(@event, headers, out var why))
            {
                reason = "Filtered out: " + why + ".";
                return false;
            }
        }

        reason = null;
        return true;
    }

    private static bool AnyRuleApplies(CompiledSource source, JToken @event, WebhookHeaders headers, out string? reason)
    {
        reason = null;
        foreach (var rule in source.Rules)
        {
            if (rule.Applies(@event, headers))
            {
                return true;
            }
        }

        // Ignored: only now are the reasons worth their text.
        List<string>? reasons = null;
        foreach (var rule in source.Rules)
        {
            if (rule.Applies(@event, headers, out var why))
            {
                return true;
            }

            (reasons ??= []).Add($"rule '{rule.Name}': {why}");
        }

        reason = "No rule applies (" + string.Join("; ", reasons!) + ").";
        return false;
    }

    private static IntakeRejected Reject(CompiledSource source, IntakeRejectionKind kind, string detail) =>
        new() { Source = source.Name, Kind = kind, Detail = detail };
}
