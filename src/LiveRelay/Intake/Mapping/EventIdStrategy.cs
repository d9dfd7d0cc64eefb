using LiveRelay.Intake.Input;
using LiveRelay.Intake.Json;
using LiveRelay.Messages;
using Newtonsoft.Json.Linq;

namespace LiveRelay.Intake.Mapping;

/// <summary>Finds an event's id; message ids derive from it, so it must be the same every time the event is delivered.</summary>
internal sealed class EventIdStrategy
{
    public const int MaxLength = 256;

    private EventIdStrategy(EventIdSource kind, string? header, JsonSelector? path)
    {
        Kind = kind;
        Header = header;
        Path = path;
    }

    public EventIdSource Kind { get; }

    public string? Header { get; }

    public JsonSelector? Path { get; }

    /// <summary>True when each event in a batch has its own id (a header or the body hash is shared by the whole request).</summary>
    public bool IsPerEvent => Kind is EventIdSource.FormatId or EventIdSource.Json;

    public static EventIdStrategy FromFormat() => new(EventIdSource.FormatId, null, null);

    public static EventIdStrategy FromHeader(string header) => new(EventIdSource.Header, header, null);

    public static EventIdStrategy FromJson(JsonSelector path) => new(EventIdSource.Json, null, path);

    public static EventIdStrategy FromBodyHash() => new(EventIdSource.BodyHash, null, null);

    public bool TryGet(JToken @event, string? formatId, WebhookHeaders headers, ReadOnlySpan<byte> body, out string? id, out string? error)
    {
        error = null;
        switch (Kind)
        {
            case EventIdSource.FormatId:
                id = formatId;
                break;
            case EventIdSource.Header:
                id = headers.Get(Header!)?.Trim();
                if (string.IsNullOrEmpty(id))
                {
                    error = $"The {Header} header (the event id) is missing.";
                    return false;
                }

                break;
            case EventIdSource.Json:
                if (!Path!.TrySelect(@event, out var token, out error))
                {
                    id = null;
                    error = $"The event id cannot be read: {error}.";
                    return false;
                }

                if (JsonValueText.IsMissing(token) || token!.Type is not (JTokenType.String or JTokenType.Integer))
                {
                    id = null;
                    error = JsonValueText.IsMissing(token)
                        ? $"The event id ({Path.Expression}) is missing from the event."
                        : $"The event id ({Path.Expression}) must be a string or an integer, but it is {JsonValueText.Describe(token!)}.";
                    return false;
                }

                id = JsonValueText.ToText(token).Trim();
                break;
            default:
                id = MessageIds.ForBody(body);
                break;
        }

        if (string.IsNullOrEmpty(id))
        {
            error = "The event id is empty.";
            return false;
        }

        if (id.Length > MaxLength)
        {
            error = $"The event id is longer than {MaxLength} characters.";
            return false;
        }

        return true;
    }
}
