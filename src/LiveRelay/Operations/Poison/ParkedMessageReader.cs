using System.Text;
using System.Text.Json;
using LiveRelay.Queues;
using LiveRelay.Queues.Processing;

namespace LiveRelay.Operations.Poison;

/// <summary>
/// Reads a poison queue message: the <see cref="PoisonMessageSerializer"/> wrapper with its reason, or a message parked
/// as it was. Also gives the text to put back on the original queue, encoded as that queue expects.
/// </summary>
internal static class ParkedMessageReader
{
    public const string UnknownCode = "Unknown";

    public const string UnwrappedReason =
        "Parked as it was, without a recorded reason: it was too large to wrap with one, or the Functions runtime parked it after maxDequeueCount attempts. The host's log has the reason.";

    public static ParkedMessage Read(
        string poisonQueue, string id, DateTimeOffset insertedOn, long dequeueCount, string text, QueueMessageEncoding encoding, bool withContent)
    {
        var originalQueue = OriginalQueueOf(poisonQueue);
        var decoded = QueueMessageCodec.Decode(text, encoding);
        if (PoisonMessageSerializer.TryDeserialize(decoded, out var poison))
        {
            return new ParkedMessage(
                id, insertedOn, dequeueCount, poison!.Reason, poison.Code, poison.Queue, poison.MessageId,
                Known(poison.InsertedAt), poison.Attempts, Known(poison.FailedAt), Wrapped: true, Summarize(poison.Message),
                withContent ? poison.Message : null);
        }

        return new ParkedMessage(
            id, insertedOn, dequeueCount, UnwrappedReason, UnknownCode, originalQueue, null, null, null, null, Wrapped: false,
            Summarize(decoded), withContent ? decoded : null);
    }

    /// <summary>
    /// The message text to send to the original queue: the wrapped content encoded per messageEncoding, or the parked
    /// text as it was (it already had the original queue's encoding). Either way the content, and so the envelope id, is unchanged.
    /// </summary>
    public static string ReplayText(string text, QueueMessageEncoding encoding)
    {
        var decoded = QueueMessageCodec.Decode(text, encoding);
        return PoisonMessageSerializer.TryDeserialize(decoded, out var poison) ? QueueMessageCodec.Encode(poison!.Message, encoding) : text;
    }

    /// <summary><c>live-messages</c> for <c>live-messages-poison</c>: a parked message only ever goes back where it came from.</summary>
    public static string OriginalQueueOf(string poisonQueue) => poisonQueue[..^QueueNames.PoisonSuffix.Length];

    private static DateTimeOffset? Known(DateTimeOffset time) => time == DateTimeOffset.MinValue ? null : time;

    private static ParkedContentSummary Summarize(string content)
    {
        var bytes = Encoding.UTF8.GetByteCount(content);
        try
        {
            using var document = JsonDocument.Parse(content);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new ParkedContentSummary(null, null, null, null, bytes);
            }

            var root = document.RootElement;
            return new ParkedContentSummary(Text(root, "id"), Text(root, "kind"), Text(root, "source"), Text(root, "eventId"), bytes);
        }
        catch (JsonException)
        {
            return new ParkedContentSummary(null, null, null, null, bytes);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
