using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using LiveRelay.AlibabaCloud.Messaging;

namespace LiveRelay.Messages;

/// <summary>
/// Reads and writes the versioned envelope format:
/// <c>{"v":1,"id","kind":"group"|"user","source","eventId","createdAt","traceParent","request":{...}}</c>.
/// Reading accepts the JSON itself or its base64 form (the Functions runtime's default queue encoding).
/// </summary>
public static class MessageEnvelopeSerializer
{
    // One buffer and writer per thread, reused: every enqueue and size check serializes an envelope, and a fresh
    // growing buffer each time cost a copy per doubling plus the final one.
    private const int MaxKeptBufferBytes = 128 * 1024;

    // Everything in an envelope but its strings' contents: about 300 bytes with every member set; more, for margin.
    private const int FixedPartMaxBytes = 512;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static byte[] Serialize(MessageEnvelope envelope) => Write(envelope).ToArray();

    /// <summary>The envelope's UTF-8 JSON without a copy: valid only until the next envelope is serialized on this thread.</summary>
    internal static ReadOnlySpan<byte> SerializeTransient(MessageEnvelope envelope) => Write(envelope);

    /// <summary>The envelope's size in UTF-8 bytes, serialized as <see cref="Serialize"/> would, without keeping the bytes.</summary>
    public static int MeasureBytes(MessageEnvelope envelope) => Write(envelope).Length;

    /// <summary>
    /// A bound <see cref="MeasureBytes"/> never exceeds, found without serializing: six bytes for every UTF-16 character
    /// of every string (the longest a character is written, as <c>\uXXXX</c>), plus an allowance for the member names,
    /// numbers, flags, date and punctuation, which the format bounds. Lets a size check skip the envelopes that cannot
    /// be too large (nearly all), so each is serialized once, when it is queued. Text with surrogates gets no bound
    /// (<see cref="long.MaxValue"/>): a lone one fails serialization, and that must still happen before anything is queued.
    /// </summary>
    internal static long MaxBytes(MessageEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        long chars = 0;
        var plain = Count(envelope.Id, ref chars) & Count(envelope.Source, ref chars) & Count(envelope.EventId, ref chars) & Count(envelope.TraceParent, ref chars);
        switch (envelope.Message)
        {
            case GroupLiveMessage { Request: var r }:
                plain &= Count(r.AppId, ref chars) & Count(r.GroupId, ref chars) & Count(r.OperatorUserId, ref chars) & Count(r.Data, ref chars);
                break;
            case UserLiveMessage { Request: var r }:
                plain &= Count(r.AppId, ref chars) & Count(r.ReceiverId, ref chars) & Count(r.SenderId, ref chars) & Count(r.SenderInfo, ref chars)
                    & Count(r.Body, ref chars) & Count(r.MsgTid, ref chars) & Count(r.DataCenter, ref chars);
                break;
            default:
                return long.MaxValue;
        }

        return plain ? (chars * 6) + FixedPartMaxBytes : long.MaxValue;
    }

    private static bool Count(string? text, ref long chars)
    {
        chars += text?.Length ?? 0;
        return text is null || !text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF');
    }

    /// <returns>The serialized envelope, valid until the next call on this thread.</returns>
    private static ReadOnlySpan<byte> Write(MessageEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        writer.WriteStartObject();
        writer.WriteNumber("v", MessageEnvelope.CurrentVersion);
        writer.WriteString("id", envelope.Id);
        writer.WriteString("kind", envelope.Kind == MessageKind.Group ? "group" : "user");
        writer.WriteString("source", envelope.Source);
        writer.WriteString("eventId", envelope.EventId);
        writer.WriteString("createdAt", envelope.CreatedAt);
        if (envelope.TraceParent is not null)
        {
            writer.WriteString("traceParent", envelope.TraceParent);
        }

        writer.WritePropertyName("request");
        WriteRequest(writer, envelope.Message);
        writer.WriteEndObject();
        writer.Flush();
        if (buffer.Capacity > MaxKeptBufferBytes)
        {
            // A rare large envelope: its buffer is not kept for the thread's lifetime (the span stays valid).
            t_buffer = null;
            t_writer = null;
        }

        return buffer.WrittenSpan;
    }

    public static string SerializeToString(MessageEnvelope envelope) => Encoding.UTF8.GetString(Serialize(envelope));

    /// <summary>The base64 text of the envelope, as a queue message body.</summary>
    public static string SerializeToBase64(MessageEnvelope envelope) => Convert.ToBase64String(Serialize(envelope));

    /// <summary>Reads an envelope from a queue message's text, plain JSON or base64.</summary>
    /// <exception cref="EnvelopeFormatException">The text is not a version-1 envelope.</exception>
    public static MessageEnvelope Deserialize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.AsSpan().Trim();
        if (trimmed.IsEmpty)
        {
            throw new EnvelopeFormatException("The message is empty.");
        }

        // The bytes are read into the envelope's own objects before this returns, so a pooled buffer will do.
        var json = trimmed[0] is '{' or '[' or '"';
        var bytes = ArrayPool<byte>.Shared.Rent(json ? Encoding.UTF8.GetMaxByteCount(trimmed.Length) : Base64.GetMaxDecodedFromUtf8Length(trimmed.Length));
        try
        {
            int written;
            if (json)
            {
                written = Encoding.UTF8.GetBytes(trimmed, bytes);
            }
            else if (!Convert.TryFromBase64Chars(trimmed, bytes, out written))
            {
                throw new EnvelopeFormatException("The message is neither JSON nor base64.");
            }

            return Deserialize(bytes.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <exception cref="EnvelopeFormatException">The bytes are not a version-1 envelope.</exception>
    public static MessageEnvelope Deserialize(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 32 });
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new EnvelopeFormatException("The envelope must be a JSON object.");
            }

            if (!root.TryGetProperty("v", out var version) || version.ValueKind != JsonValueKind.Number
                || !version.TryGetInt32(out var v))
            {
                throw new EnvelopeFormatException("The envelope has no version ('v').");
            }

            if (v != MessageEnvelope.CurrentVersion)
            {
                throw new EnvelopeFormatException($"Envelope version {v} is not supported (expected {MessageEnvelope.CurrentVersion}).");
            }

            var kind = RequiredString(root, "kind");
            if (!root.TryGetProperty("request", out var request) || request.ValueKind != JsonValueKind.Object)
            {
                throw new EnvelopeFormatException("The envelope has no 'request' object.");
            }

            LiveMessage message = kind switch
            {
                "group" => LiveMessage.ToGroup(request.Deserialize<SendMessageToGroupRequest>(LiveRelayJson.Options)!),
                "user" => LiveMessage.ToUser(request.Deserialize<SendLiveMessageUserRequest>(LiveRelayJson.Options)!),
                _ => throw new EnvelopeFormatException($"Envelope kind '{Truncate(kind)}' is not 'group' or 'user'."),
            };

            if (!root.TryGetProperty("createdAt", out var created) || !created.TryGetDateTimeOffset(out var createdAt))
            {
                throw new EnvelopeFormatException("The envelope's 'createdAt' is missing or not a date.");
            }

            var traceParent = root.TryGetProperty("traceParent", out var tp) && tp.ValueKind == JsonValueKind.String ? tp.GetString() : null;
            return new MessageEnvelope(
                RequiredString(root, "id"), RequiredString(root, "source"), RequiredString(root, "eventId"), createdAt, message, traceParent);
        }
        catch (JsonException ex)
        {
            throw new EnvelopeFormatException($"The envelope is not valid JSON: {ex.Message}", ex);
        }
    }

    private static string RequiredString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s
            ? s
            : throw new EnvelopeFormatException($"The envelope's '{name}' is missing or not a non-empty string.");

    private static string Truncate(string value) => value.Length <= 32 ? value : value[..32] + "...";

    /// <summary>Writes the message's request as the API takes it, the same wherever an envelope's request is shown.</summary>
    internal static void WriteRequest(Utf8JsonWriter writer, LiveMessage message)
    {
        switch (message)
        {
            case GroupLiveMessage group:
                JsonSerializer.Serialize(writer, group.Request, LiveRelayJson.Options);
                break;
            case UserLiveMessage user:
                JsonSerializer.Serialize(writer, user.Request, LiveRelayJson.Options);
                break;
        }
    }
}
