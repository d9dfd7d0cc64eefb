using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using LiveRelay.Intake.Input;
using LiveRelay.Intake.Mapping;
using Microsoft.Extensions.Primitives;

namespace LiveRelay.Intake.Processing;

/// <summary>
/// Reads a <c>live-events</c> queue message: <c>{"source":"shop","eventId":"optional","headers":{...optional},
/// "traceParent":"optional","event":{...}}</c>, as JSON or as its base64 (the Functions runtime's default encoding).
/// </summary>
internal static class QueueEventReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    public static QueueEvent? TryRead(string message, out string? error)
    {
        error = null;
        var bytes = Decode(message);
        if (bytes is null)
        {
            error = "The queue message is neither JSON nor base64 of JSON.";
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, DocumentOptions);
        }
        catch (JsonException ex)
        {
            error = "The queue message is not valid JSON: " + ex.Message;
            return null;
        }

        using (document)
        {
            return Read(document.RootElement, out error);
        }
    }

    private static QueueEvent? Read(JsonElement root, out string? error)
    {
        error = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "The queue message must be an object {\"source\",\"eventId\"?,\"headers\"?,\"traceParent\"?,\"event\"}.";
            return null;
        }

        string? source = null, eventId = null, traceParent = null;
        byte[]? eventJson = null;
        var headers = new List<KeyValuePair<string, StringValues>>();
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "source":
                    source = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                    break;
                case "eventId" when property.Value.ValueKind == JsonValueKind.String:
                    eventId = property.Value.GetString();
                    break;
                case "eventId" when property.Value.ValueKind != JsonValueKind.Null:
                    error = "'eventId' must be a string.";
                    return null;
                case "traceParent" when property.Value.ValueKind == JsonValueKind.String:
                    traceParent = property.Value.GetString();
                    break;
                case "headers" when property.Value.ValueKind == JsonValueKind.Object:
                    if (!TryReadHeaders(property.Value, headers, out error))
                    {
                        return null;
                    }

                    break;
                case "event" when property.Value.ValueKind != JsonValueKind.Null:
                    eventJson = JsonMarshal.GetRawUtf8Value(property.Value).ToArray();
                    break;
                case "eventId" or "traceParent" or "headers" or "event":
                    break;
                default:
                    error = $"'{property.Name}' is not a member of a queue event (source, eventId, headers, traceParent, event).";
                    return null;
            }
        }

        if (string.IsNullOrWhiteSpace(source))
        {
            error = "'source' is required: the name of the source whose mapping applies.";
            return null;
        }

        if (eventJson is null)
        {
            error = "'event' is required: the event itself, as JSON.";
            return null;
        }

        if (eventId is not null && (eventId.Trim().Length == 0 || eventId.Length > EventIdStrategy.MaxLength))
        {
            error = $"'eventId' must be 1 to {EventIdStrategy.MaxLength} characters.";
            return null;
        }

        return new QueueEvent(source, eventId?.Trim(), WebhookHeaders.From(headers), traceParent, eventJson);
    }

    private static bool TryReadHeaders(JsonElement headers, List<KeyValuePair<string, StringValues>> into, out string? error)
    {
        error = null;
        foreach (var header in headers.EnumerateObject())
        {
            if (header.Value.ValueKind == JsonValueKind.String)
            {
                into.Add(new(header.Name, header.Value.GetString()));
            }
            else
            {
                error = $"headers.{header.Name} must be a string.";
                return false;
            }
        }

        return true;
    }

    private static byte[]? Decode(string message)
    {
        var trimmed = message.AsSpan().Trim();
        if (trimmed.IsEmpty)
        {
            return null;
        }

        if (trimmed[0] == '{')
        {
            return Encoding.UTF8.GetBytes(trimmed.ToString());
        }

        var buffer = new byte[(trimmed.Length * 3 / 4) + 3];
        return Convert.TryFromBase64Chars(trimmed, buffer, out var written) ? buffer[..written] : null;
    }
}
