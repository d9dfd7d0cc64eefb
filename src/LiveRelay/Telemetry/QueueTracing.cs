using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using LiveRelay.Delivery.Dispatch;
using LiveRelay.Queues.Processing;

namespace LiveRelay.Telemetry;

/// <summary>
/// The spans that carry one event's trace across the queues: a producer span for each enqueue, whose context the
/// envelopes carry as <c>traceParent</c> (W3C), and a consumer span for each message processed, a child of that context,
/// linked to whatever span the trigger itself runs in (the Functions invocation). Tags name queues and counts only.
/// </summary>
internal static class QueueTracing
{
    private static readonly ActivitySource Source = new(LiveRelayTelemetry.ActivitySourceName);

    public static Activity? StartSend(string queueName, int messages)
    {
        var activity = Source.StartActivity("send " + queueName, ActivityKind.Producer);
        activity?.SetTag("messaging.operation.type", "send");
        activity?.SetTag("messaging.destination.name", queueName);
        activity?.SetTag("messaging.batch.message_count", messages);
        return activity;
    }

    /// <param name="queueName">The queue the message came from.</param>
    /// <param name="message">The queue message: the new span continues the trace of the traceparent it carries, if any.</param>
    public static Activity? StartProcess(string queueName, string message)
    {
        // Without a listener no span is made: the message is not read for a traceparent either, which cost every
        // delivered message two copies of its text.
        if (!Source.HasListeners())
        {
            return null;
        }

        var traceParent = TraceParentOf(message);
        var trigger = Activity.Current;
        ActivityLink[]? links = trigger is null ? null : [new ActivityLink(trigger.Context)];
        var parent = ActivityContext.TryParse(traceParent, null, isRemote: true, out var carried) ? carried : trigger?.Context ?? default;
        var activity = Source.StartActivity("process " + queueName, ActivityKind.Consumer, parent, links: links);
        activity?.SetTag("messaging.operation.type", "process");
        activity?.SetTag("messaging.destination.name", queueName);
        return activity;
    }

    /// <summary>The delivery outcome on the processing span: its kind, and for a failure the API's (or our) code, never its message.</summary>
    public static void Settled(Activity? activity, DeliveryOutcome outcome)
    {
        if (activity is null)
        {
            return;
        }

        switch (outcome)
        {
            case RetryLater retry:
                activity.SetTag("liverelay.delivery.outcome", "retry_later");
                activity.SetTag("error.type", retry.Code);
                activity.SetStatus(ActivityStatusCode.Error, retry.Code);
                break;
            case RejectedForGood rejected:
                activity.SetTag("liverelay.delivery.outcome", "rejected");
                activity.SetTag("error.type", rejected.Code);
                activity.SetStatus(ActivityStatusCode.Error, rejected.Code);
                break;
            default:
                activity.SetTag("liverelay.delivery.outcome", "delivered");
                break;
        }
    }

    /// <summary>
    /// The top-level <c>traceParent</c> of a queue message (an envelope or a queue event; JSON, or its base64), without
    /// reading the rest; null when there is none or the text is not such an object.
    /// </summary>
    public static string? TraceParentOf(string message)
    {
        var json = QueueMessageCodec.Decode(message, QueueMessageEncoding.Base64);
        var utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        var reader = new Utf8JsonReader(utf8.AsSpan(0, Encoding.UTF8.GetBytes(json, utf8)));
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isTraceParent = reader.ValueTextEquals("traceParent"u8);
                reader.Read();
                if (isTraceParent)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not an envelope: the dispatcher says why; the span just starts a trace of its own.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }

        return null;
    }
}
