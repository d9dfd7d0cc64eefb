using System.Text.Json;
using LiveRelay.Emulator.Messages;

namespace LiveRelay.Emulator.Inspection;

/// <summary>
/// Writes recorded messages flat: <c>action</c>, then each parameter under its API name (PascalCase, as sent), then
/// <c>receivedAt</c>, <c>requestId</c>, <c>messageId</c>, <c>accessKeyId</c>, <c>signatureVersion</c>.
/// </summary>
internal static class RecordedMessageJson
{
    public static void WriteArray(Utf8JsonWriter writer, IEnumerable<RecordedMessage> messages)
    {
        writer.WriteStartArray();
        foreach (var message in messages)
        {
            writer.WriteStartObject();
            writer.WriteString("action", message.Action);
            foreach (var (name, value) in message.Parameters)
            {
                writer.WriteString(name, value);
            }

            writer.WriteString("receivedAt", message.ReceivedAt);
            writer.WriteString("requestId", message.RequestId);
            if (message.MessageId is null)
            {
                writer.WriteNull("messageId");
            }
            else
            {
                writer.WriteString("messageId", message.MessageId);
            }

            writer.WriteString("accessKeyId", message.AccessKeyId);
            writer.WriteString("signatureVersion", message.SignatureVersion.ToString());
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
