using System.Buffers;
using System.Text.Json;
using LiveRelay.Intake.Results;

namespace LiveRelay.Intake.Http;

/// <summary>
/// Maps intake results to HTTP: rejections become RFC 9457 problem details (<c>application/problem+json</c>:
/// type, title, status, detail, errors[]); accepted requests 202, ignored events and handshakes 200.
/// </summary>
public static class IntakeHttpMapper
{
    public const string ProblemContentType = "application/problem+json";
    public const string JsonContentType = "application/json";

    private const int MaxKeptBufferBytes = 64 * 1024;

    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static IntakeHttpResponse ToResponse(IntakeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result switch
        {
            IntakeRejected rejected => new(rejected.Status, ProblemContentType, WriteProblem(rejected), NoHeaders),
            IntakeAccepted accepted => new(202, JsonContentType, WriteAccepted(accepted), NoHeaders),
            IntakeIgnored ignored => new(200, JsonContentType, WriteIgnored(ignored), NoHeaders),
            IntakeHandshake handshake => new(
                200,
                handshake.Body is null ? null : JsonContentType,
                handshake.Body is null ? ReadOnlyMemory<byte>.Empty : System.Text.Encoding.UTF8.GetBytes(handshake.Body),
                handshake.Headers),
            _ => throw new ArgumentException($"Unknown result type {result.GetType().Name}.", nameof(result)),
        };
    }

    /// <summary>The problem details document for a rejection.</summary>
    public static byte[] WriteProblem(IntakeRejected rejected)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        return Write(rejected, static (writer, rejected) =>
        {
            writer.WriteString("type", rejected.Type);
            writer.WriteString("title", rejected.Title);
            writer.WriteNumber("status", rejected.Status);
            writer.WriteString("detail", rejected.Detail);
            writer.WriteString("source", rejected.Source);
            if (rejected.Errors.Count > 0)
            {
                writer.WriteStartArray("errors");
                foreach (var error in rejected.Errors)
                {
                    writer.WriteStartObject();
                    writer.WriteString("field", error.Field);
                    writer.WriteString("message", error.Message);
                    if (error.Rule is not null)
                    {
                        writer.WriteString("rule", error.Rule);
                    }

                    if (error.Index is { } index)
                    {
                        writer.WriteNumber("index", index);
                    }

                    if (error.Event is { } @event)
                    {
                        writer.WriteNumber("event", @event);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }
        });
    }

    private static byte[] WriteAccepted(IntakeAccepted accepted) => Write(accepted, static (writer, accepted) =>
    {
        writer.WriteString("status", "accepted");
        writer.WriteString("source", accepted.Source);
        writer.WriteString("delivery", accepted.Delivery == DeliveryMode.Direct ? "direct" : "queued");
        writer.WriteStartArray("eventIds");
        foreach (var id in accepted.EventIds)
        {
            writer.WriteStringValue(id);
        }

        writer.WriteEndArray();
        writer.WriteNumber("messages", accepted.Envelopes.Count);
        writer.WriteStartArray("messageIds");
        foreach (var envelope in accepted.Envelopes)
        {
            writer.WriteStringValue(envelope.Id);
        }

        writer.WriteEndArray();
        if (accepted.Ignored.Count > 0)
        {
            WriteIgnoredEvents(writer, accepted.Ignored);
        }
    });

    private static byte[] WriteIgnored(IntakeIgnored ignored) => Write(ignored, static (writer, ignored) =>
    {
        writer.WriteString("status", "ignored");
        writer.WriteString("source", ignored.Source);
        writer.WriteString("reason", ignored.Reason);
        WriteIgnoredEvents(writer, ignored.Events);
    });

    private static void WriteIgnoredEvents(Utf8JsonWriter writer, IReadOnlyList<IgnoredEvent> events)
    {
        writer.WriteStartArray("ignored");
        foreach (var ignored in events)
        {
            writer.WriteStartObject();
            writer.WriteString("eventId", ignored.EventId);
            writer.WriteString("reason", ignored.Reason);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static byte[] Write<T>(T result, Action<Utf8JsonWriter, T> body)
    {
        // One buffer and writer per thread, reused: every webhook is answered with a document.
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        writer.WriteStartObject();
        body(writer, result);
        writer.WriteEndObject();
        writer.Flush();
        var document = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > MaxKeptBufferBytes)
        {
            // A rare large answer (a big fan-out's message ids): its buffer is not kept for the thread's lifetime.
            t_buffer = null;
            t_writer = null;
        }

        return document;
    }
}
