using System.Buffers;
using System.Text.Json;
using LiveRelay.Intake;
using LiveRelay.Intake.Http;
using LiveRelay.Intake.Results;
using LiveRelay.Messages;

namespace LiveRelay.Hosting.Preview;

/// <summary>
/// What the webhook endpoint would do with a payload, computed by the real intake without sending or queuing anything.
/// </summary>
public sealed record PayloadPreview
{
    /// <summary>What intake made of the request, exactly as the endpoint's intake returns it.</summary>
    public required IntakeResult Result { get; init; }

    /// <summary>What became of the signature check.</summary>
    public required PreviewVerification Verification { get; init; }

    /// <summary>
    /// The answer the endpoint would give: the problem details of a rejection (the same status and document), the
    /// ignored or handshake answer, or the 202 acceptance. For a source with <c>direct</c> delivery the real endpoint
    /// answers 200 with each send's outcome instead, after sending; a preview sends nothing.
    /// </summary>
    public required IntakeHttpResponse Answer { get; init; }

    /// <summary>The message envelopes the endpoint would queue (or send), in order; empty unless accepted.</summary>
    public required IReadOnlyList<MessageEnvelope> Messages { get; init; }

    /// <summary>
    /// The preview as one JSON document: <c>{"source","outcome":"accepted"|"ignored"|"handshake"|"rejected","verification",
    /// "status","delivery"?,"messages":[{"id","kind","eventId","request":{...}}],"answer":{...}}</c>. <c>request</c> is the
    /// API request in camelCase as queued; <c>answer</c> is the endpoint's answer body when it is JSON.
    /// </summary>
    public byte[] ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("source", Result.Source);
            writer.WriteString("outcome", Outcome);
            writer.WriteString("verification", JsonNamingPolicy.KebabCaseLower.ConvertName(Verification.ToString()));
            writer.WriteNumber("status", Answer.StatusCode);
            if (Result is IntakeAccepted accepted)
            {
                writer.WriteString("delivery", accepted.Delivery == DeliveryMode.Direct ? "direct" : "queued");
            }

            writer.WriteStartArray("messages");
            foreach (var envelope in Messages)
            {
                writer.WriteStartObject();
                writer.WriteString("id", envelope.Id);
                writer.WriteString("kind", envelope.Kind == MessageKind.Group ? "group" : "user");
                writer.WriteString("eventId", envelope.EventId);
                writer.WritePropertyName("request");
                MessageEnvelopeSerializer.WriteRequest(writer, envelope.Message);

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (Answer.ContentType is { } type && type.Contains("json", StringComparison.OrdinalIgnoreCase) && !Answer.Body.IsEmpty)
            {
                writer.WritePropertyName("answer");
                using var answer = JsonDocument.Parse(Answer.Body);
                answer.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><c>accepted</c>, <c>ignored</c>, <c>handshake</c> or <c>rejected</c> (also when accepted messages could not be queued).</summary>
    public string Outcome => Answer.StatusCode >= 400 ? "rejected" : Result switch
    {
        IntakeAccepted => "accepted",
        IntakeIgnored => "ignored",
        IntakeHandshake => "handshake",
        _ => "rejected",
    };
}
