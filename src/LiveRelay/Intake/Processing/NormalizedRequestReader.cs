using System.Text.Json;
using LiveRelay.Intake.Json;
using LiveRelay.Intake.Mapping;
using LiveRelay.Intake.Results;
using LiveRelay.Messages;

namespace LiveRelay.Intake.Processing;

/// <summary>
/// Reads already-normalized message requests (<c>/api/messages</c>): one item or an array of items, each
/// <c>{"kind":"group"|"user","request":{...API parameters in camelCase...}}</c>, as envelopes carry them.
/// Types are strict here (numbers are JSON numbers), unlike event mapping; <c>data</c> may be a JSON object.
/// </summary>
internal static class NormalizedRequestReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    /// <summary>
    /// The messages, in order, each checked against the API limits; null when the body is not that shape (see
    /// <paramref name="malformed"/>) or an item is invalid (see <paramref name="errors"/>, positions given for arrays).
    /// </summary>
    public static List<LiveMessage>? TryRead(ReadOnlyMemory<byte> body, IntakeErrorList errors, out int itemCount, out string? malformed)
    {
        malformed = null;
        itemCount = 0;

        // JsonDocument reads strings lazily: invalid UTF-8 or a lone surrogate escape would only throw when read.
        if (!EventJson.TryCheckSyntax(body.Span, out malformed))
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException ex)
        {
            malformed = "The body is not valid JSON: " + ex.Message;
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            var isArray = root.ValueKind == JsonValueKind.Array;
            if (!isArray && root.ValueKind != JsonValueKind.Object)
            {
                malformed = "The body must be a message item {\"kind\":\"group\"|\"user\",\"request\":{...}} or an array of them.";
                return null;
            }

            if (isArray && root.GetArrayLength() == 0)
            {
                malformed = "The array holds no message items.";
                return null;
            }

            itemCount = isArray ? root.GetArrayLength() : 1;
            var messages = new List<LiveMessage>(itemCount);
            var fields = new RequestFields();
            var index = 0;
            foreach (var item in isArray ? root.EnumerateArray() : Enumerable.Repeat(root, 1))
            {
                int? position = isArray ? index : null;
                if (TryReadItem(item, fields, position, errors) is { } message)
                {
                    messages.Add(message);
                }

                index++;
                if (errors.IsFull)
                {
                    break;
                }
            }

            return errors.Count == 0 ? messages : null;
        }
    }

    private static LiveMessage? TryReadItem(JsonElement item, RequestFields fields, int? position, IntakeErrorList errors)
    {
        void Fail(string field, string message) =>
            errors.Add(IntakeRejectionKind.InvalidMessage, new IntakeError(field, message, Index: position));

        if (item.ValueKind != JsonValueKind.Object)
        {
            Fail("item", "must be an object {\"kind\":\"group\"|\"user\",\"request\":{...}}");
            return null;
        }

        MessageKind? kind = null;
        JsonElement? request = null;
        foreach (var property in item.EnumerateObject())
        {
            switch (property.Name)
            {
                case "kind" when property.Value.ValueKind == JsonValueKind.String:
                    kind = property.Value.GetString() switch
                    {
                        "group" => MessageKind.Group,
                        "user" => MessageKind.User,
                        _ => null,
                    };
                    break;
                case "kind":
                    break;
                case "request":
                    request = property.Value;
                    break;
                default:
                    Fail(property.Name, "is not a member of a message item; an item has only 'kind' and 'request'");
                    return null;
            }
        }

        if (kind is null)
        {
            Fail("kind", "is required: \"group\" or \"user\"");
            return null;
        }

        if (request is not { ValueKind: JsonValueKind.Object } parameters)
        {
            Fail("request", "is required: an object of API parameters");
            return null;
        }

        fields.Clear();
        var known = LiveParameters.For(kind.Value);
        var before = errors.Count;
        foreach (var property in parameters.EnumerateObject())
        {
            if (!known.TryGetValue(property.Name, out var parameter))
            {
                Fail(property.Name, $"is not a parameter of a {(kind == MessageKind.Group ? "group" : "user")} message");
                continue;
            }

            if (TrySet(fields, parameter, property.Value) is { } typeError)
            {
                Fail(parameter.Name, typeError);
            }
        }

        if (errors.Count != before)
        {
            return null;
        }

        var message = fields.Build(kind.Value);
        foreach (var failure in message.Validate())
        {
            Fail(failure.Field, failure.Rule);
        }

        return errors.Count == before ? message : null;
    }

    private static string? TrySet(RequestFields fields, LiveParameter parameter, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        switch (parameter.Type)
        {
            case LiveParameterType.Text when value.ValueKind == JsonValueKind.String:
            case LiveParameterType.Json when value.ValueKind == JsonValueKind.String:
                fields.SetText(parameter.Id, value.GetString());
                return null;
            case LiveParameterType.Json when value.ValueKind is JsonValueKind.Object or JsonValueKind.Array:
                fields.SetText(parameter.Id, value.GetRawText());
                return null;
            case LiveParameterType.Int32 when value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var int32):
                fields.SetNumber(parameter.Id, int32);
                return null;
            case LiveParameterType.Int64 when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var int64):
                fields.SetNumber(parameter.Id, int64);
                return null;
            case LiveParameterType.Boolean when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                fields.SetFlag(parameter.Id, value.GetBoolean());
                return null;
        }

        return parameter.Type switch
        {
            LiveParameterType.Text => "must be a string",
            LiveParameterType.Json => "must be a string holding JSON, or a JSON object or array",
            LiveParameterType.Int32 => "must be a 32-bit whole number",
            LiveParameterType.Int64 => "must be a 64-bit whole number",
            _ => "must be true or false",
        };
    }
}
