using System.Buffers;
using System.Globalization;
using System.Text.Json;
using LiveRelay.Delivery.Dispatch;
using LiveRelay.Intake;
using LiveRelay.Intake.Http;
using LiveRelay.Intake.Results;

namespace LiveRelay.Hosting;

/// <summary>The HTTP answers that come after intake: direct delivery reports and RFC 9457 problems of the relay's own.</summary>
public static class RelayResponses
{
    public const string ProblemTypePrefix = IntakeRejected.ProblemTypePrefix;

    /// <summary>
    /// 200 for <c>GET /api/health</c>: <c>{"status":"ok"}</c> when the host is up and has its secrets; while a secret
    /// cannot be read (<see cref="Secrets.SecretsStatus"/>), <c>{"status":"degraded","missing":[...]}</c>, each entry
    /// naming the secret and where it is looked for (never a value), so a deployment check sees why nothing is sent.
    /// </summary>
    public static IntakeHttpResponse Health(IReadOnlyList<string> missingSecrets)
    {
        ArgumentNullException.ThrowIfNull(missingSecrets);
        return new(
            200,
            IntakeHttpMapper.JsonContentType,
            Write(writer =>
            {
                writer.WriteString("status", missingSecrets.Count == 0 ? "ok" : "degraded");
                if (missingSecrets.Count > 0)
                {
                    writer.WriteStartArray("missing");
                    foreach (var missing in missingSecrets)
                    {
                        writer.WriteStringValue(missing);
                    }

                    writer.WriteEndArray();
                }
            }),
            new Dictionary<string, string> { ["Cache-Control"] = "no-store" });
    }

    /// <summary>400 for a <c>delivery</c> query value that is neither <c>queued</c> nor <c>direct</c>.</summary>
    public static IntakeHttpResponse InvalidDeliveryParameter(string source) => Problem(
        400, "invalid-parameter", "Invalid query parameter", "The query parameter 'delivery' must be 'queued' or 'direct'.", source);

    /// <summary>400 when the request body's framing is broken (a chunk size that is not hex or overflows).</summary>
    public static IntakeHttpResponse UnreadableBody(string source, string detail) => Problem(
        400, "unreadable-body", "The request body could not be read", detail, source);

    /// <summary>The poison code of an event whose messages are too large to queue.</summary>
    public const string MessageTooLargeCode = "MessageTooLarge";

    /// <summary>413 when a produced message would not fit in one queue message: retrying cannot help, so nothing is queued.</summary>
    public static IntakeHttpResponse MessageTooLarge(string source, string detail) => Problem(
        413, "message-too-large", "A message is too large to queue", detail, source);

    /// <summary>503 when the queue cannot take the messages: nothing is lost, the caller retries (the ids are deterministic).</summary>
    public static IntakeHttpResponse QueueUnavailable(string source) => Problem(
        503,
        "queue-unavailable",
        "Queue unavailable",
        "The messages could not be queued. Retry the request; a retried event yields the same message ids.",
        source,
        retryAfterSeconds: 5);

    /// <summary>
    /// 200 when every message was delivered; 422 when the Live API refused one for good (the request itself is wrong);
    /// otherwise 503 with Retry-After, because a retry may still succeed. The body lists every message's outcome.
    /// </summary>
    public static IntakeHttpResponse ForDirectDelivery(IntakeAccepted accepted, DirectDeliveryReport report)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        ArgumentNullException.ThrowIfNull(report);
        var retryDelay = report.Outcomes.Select(static o => o.Outcome).OfType<RetryLater>().Select(static r => r.Delay).DefaultIfEmpty().Max();
        var (status, problem) = report.AllDelivered
            ? (200, ((string Type, string Title, string Detail)?)null)
            : report.RejectedForGoodCount > 0
                ? (422, ("delivery-rejected", "The Live API refused a message", $"{report.RejectedForGoodCount} of {report.Outcomes.Count} messages were refused and will not be retried."))
                : (503, ("delivery-incomplete", "Delivery incomplete", $"{report.RetryLaterCount} of {report.Outcomes.Count} messages were not delivered yet. Retry the request; delivered messages keep their ids."));

        var body = Write(writer =>
        {
            if (problem is { } p)
            {
                writer.WriteString("type", ProblemTypePrefix + p.Type);
                writer.WriteString("title", p.Title);
                writer.WriteNumber("status", status);
                writer.WriteString("detail", p.Detail);
            }
            else
            {
                writer.WriteString("status", "delivered");
            }

            writer.WriteString("source", accepted.Source);
            writer.WriteString("delivery", "direct");
            writer.WriteNumber("delivered", report.DeliveredCount);
            writer.WriteStartArray("messages");
            foreach (var outcome in report.Outcomes)
            {
                WriteOutcome(writer, outcome);
            }

            writer.WriteEndArray();
        });

        var headers = status == 503
            ? new Dictionary<string, string> { ["Retry-After"] = RetryAfterSeconds(retryDelay) }
            : new Dictionary<string, string>();
        return new IntakeHttpResponse(status, problem is null ? IntakeHttpMapper.JsonContentType : IntakeHttpMapper.ProblemContentType, body, headers);
    }

    private static void WriteOutcome(Utf8JsonWriter writer, EnvelopeOutcome outcome)
    {
        writer.WriteStartObject();
        writer.WriteString("id", outcome.EnvelopeId);
        switch (outcome.Outcome)
        {
            case Delivered delivered:
                writer.WriteString("outcome", "delivered");
                writer.WriteString("requestId", delivered.RequestId);
                if (delivered.MessageId is not null)
                {
                    writer.WriteString("messageId", delivered.MessageId);
                }

                break;
            case RetryLater retry:
                writer.WriteString("outcome", "retry-later");
                writer.WriteString("code", retry.Code);
                writer.WriteString("reason", retry.Reason);
                break;
            case RejectedForGood rejected:
                writer.WriteString("outcome", "rejected");
                writer.WriteString("code", rejected.Code);
                writer.WriteString("reason", rejected.Message);
                break;
        }

        writer.WriteNumber("attempts", outcome.Outcome.Attempts);
        writer.WriteEndObject();
    }

    private static IntakeHttpResponse Problem(int status, string type, string title, string detail, string source, int? retryAfterSeconds = null)
    {
        var body = Write(writer =>
        {
            writer.WriteString("type", ProblemTypePrefix + type);
            writer.WriteString("title", title);
            writer.WriteNumber("status", status);
            writer.WriteString("detail", detail);
            writer.WriteString("source", source);
        });
        var headers = retryAfterSeconds is { } seconds
            ? new Dictionary<string, string> { ["Retry-After"] = seconds.ToString(CultureInfo.InvariantCulture) }
            : new Dictionary<string, string>();
        return new IntakeHttpResponse(status, IntakeHttpMapper.ProblemContentType, body, headers);
    }

    private static string RetryAfterSeconds(TimeSpan delay) =>
        Math.Max(1, (int)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
