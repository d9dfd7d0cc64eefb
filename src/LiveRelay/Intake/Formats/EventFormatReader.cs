using LiveRelay.Intake.Json;
using Newtonsoft.Json.Linq;

namespace LiveRelay.Intake.Formats;

/// <summary>Splits a parsed body into events according to the source's format, checking each format's required attributes.</summary>
internal static class EventFormatReader
{
    public const string SubscriptionValidationEvent = "Microsoft.EventGrid.SubscriptionValidationEvent";

    public static bool TryRead(EventFormat format, JToken root, out EventBatch batch, out string? error) => format switch
    {
        EventFormat.CloudEvents => TryReadCloudEvents(root, out batch, out error),
        EventFormat.EventGrid => TryReadEventGrid(root, out batch, out error),
        _ => Single(root, out batch, out error),
    };

    private static bool Single(JToken root, out EventBatch batch, out string? error)
    {
        error = null;
        batch = new EventBatch([new IncomingEvent(root, null)], false);
        return true;
    }

    private static bool TryReadCloudEvents(JToken root, out EventBatch batch, out string? error)
    {
        batch = new EventBatch([], false);
        if (!TryItems(root, "CloudEvents", out var items, out var isBatch, out error))
        {
            return false;
        }

        var events = new List<IncomingEvent>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var where = isBatch ? $"CloudEvent [{i}]" : "The CloudEvent";
            if (items[i] is not JObject ce)
            {
                error = $"{where} must be a JSON object.";
                return false;
            }

            if (Text(ce, "specversion") != "1.0")
            {
                error = $"{where} has no specversion \"1.0\" (only CloudEvents 1.0, structured JSON mode, is accepted).";
                return false;
            }

            foreach (var attribute in new[] { "id", "source", "type" })
            {
                if (string.IsNullOrEmpty(Text(ce, attribute)))
                {
                    error = $"{where} has no '{attribute}' (a required CloudEvents attribute).";
                    return false;
                }
            }

            if (!TryDecodeBase64Data(ce, where, out error))
            {
                return false;
            }

            events.Add(new IncomingEvent(ce, Text(ce, "id")));
        }

        batch = new EventBatch(events, isBatch);
        return true;
    }

    // data_base64 with a JSON content type is decoded into "data", so mappings read $.data the same way in both forms.
    private static bool TryDecodeBase64Data(JObject ce, string where, out string? error)
    {
        error = null;
        if (!ce.TryGetValue("data_base64", out var encoded) || ce.ContainsKey("data"))
        {
            return true;
        }

        var contentType = Text(ce, "datacontenttype") ?? "application/json";
        var media = contentType.Split(';')[0].Trim();
        if (!media.Equals("application/json", StringComparison.OrdinalIgnoreCase) && !media.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var text = encoded.Type == JTokenType.String ? (string?)encoded : null;
        var buffer = new byte[text?.Length ?? 0];
        if (text is null || !Convert.TryFromBase64String(text, buffer, out var written) || !EventJson.TryParse(buffer.AsSpan(0, written), out var data, out _))
        {
            error = $"{where} has a data_base64 that is not base64 of JSON.";
            return false;
        }

        ce["data"] = data;
        return true;
    }

    private static bool TryReadEventGrid(JToken root, out EventBatch batch, out string? error)
    {
        batch = new EventBatch([], false);
        if (!TryItems(root, "Event Grid", out var items, out var isBatch, out error))
        {
            return false;
        }

        var events = new List<IncomingEvent>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var where = isBatch ? $"Event Grid event [{i}]" : "The Event Grid event";
            if (items[i] is not JObject evt)
            {
                error = $"{where} must be a JSON object.";
                return false;
            }

            foreach (var property in new[] { "id", "eventType", "subject" })
            {
                // The validation event's subject is empty; only id and eventType must have content.
                if (Text(evt, property) is not { } value || (value.Length == 0 && property != "subject"))
                {
                    error = $"{where} has no '{property}' (required by the Event Grid event schema).";
                    return false;
                }
            }

            if (Text(evt, "eventType") == SubscriptionValidationEvent)
            {
                var code = evt.SelectToken("data.validationCode");
                if (code is not { Type: JTokenType.String } || string.IsNullOrEmpty((string?)code))
                {
                    error = $"{where} is a subscription validation event without data.validationCode.";
                    return false;
                }

                // Event Grid sends the handshake alone; a batch that mixes it with events would lose those events.
                if (items.Count > 1)
                {
                    error = $"{where} is a subscription validation event in a batch of {items.Count}; send the validation event alone.";
                    return false;
                }

                batch = new EventBatch([], isBatch, (string)code!);
                return true;
            }

            events.Add(new IncomingEvent(evt, Text(evt, "id")));
        }

        batch = new EventBatch(events, isBatch);
        return true;
    }

    private static bool TryItems(JToken root, string format, out IReadOnlyList<JToken> items, out bool isBatch, out string? error)
    {
        error = null;
        isBatch = root is JArray;
        items = root is JArray array ? [.. array] : [root];
        if (items.Count == 0)
        {
            error = $"The {format} batch holds no events.";
            return false;
        }

        return true;
    }

    private static string? Text(JObject obj, string name) =>
        obj.TryGetValue(name, out var value) && value.Type == JTokenType.String ? (string?)value : null;
}
