using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveRelay.Queues.Processing;

/// <summary>
/// The poison message format: a JSON object
/// <c>{"reason":"...","code":"...","attempts":5,"failedAt":"2026-01-01T00:00:00+00:00","queue":"live-messages","messageId":"...","insertedAt":"...","message":"&lt;original content&gt;"}</c>,
/// encoded like any message on the queue (messageEncoding). When that would exceed 64 KiB, the original text is
/// parked as it was, as the Functions runtime does, and the reason goes only to the log.
/// </summary>
public static class PoisonMessageSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public static string Serialize(PoisonMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return JsonSerializer.Serialize(message, Options);
    }

    /// <summary>Reads a poison message's content (already decoded); false for anything else, e.g. a message the Functions runtime parked as it was.</summary>
    public static bool TryDeserialize(string json, out PoisonMessage? message)
    {
        message = null;
        if (string.IsNullOrWhiteSpace(json) || json.TrimStart()[0] != '{')
        {
            return false;
        }

        try
        {
            message = JsonSerializer.Deserialize<PoisonMessage>(json, Options);
            return message is { Reason: not null, Code: not null, Queue: not null, MessageId: not null, Message: not null };
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
