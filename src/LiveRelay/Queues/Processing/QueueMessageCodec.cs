using System.Buffers;
using System.Text;

namespace LiveRelay.Queues.Processing;

/// <summary>
/// Queue message text from content and back, per <see cref="QueueMessageEncoding"/>. Reading is lenient as the design
/// asks: in base64 mode, text that is not base64 of UTF-8 (such as plain JSON) is taken as it is.
/// </summary>
public static class QueueMessageCodec
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Encode(string content, QueueMessageEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(content);
        return encoding == QueueMessageEncoding.Base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(content)) : content;
    }

    /// <summary>Queue message text for <paramref name="utf8"/> content, without a string of the content first.</summary>
    public static string Encode(ReadOnlySpan<byte> utf8, QueueMessageEncoding encoding) =>
        encoding == QueueMessageEncoding.Base64 ? Convert.ToBase64String(utf8) : Encoding.UTF8.GetString(utf8);

    public static string Decode(string text, QueueMessageEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(text);
        return encoding == QueueMessageEncoding.Base64 && TryDecodeBase64(text, out var content) ? content : text;
    }

    /// <summary>True when <paramref name="text"/> is base64 of valid UTF-8.</summary>
    public static bool TryDecodeBase64(string text, out string content)
    {
        content = text;

        // JSON objects, arrays and strings start with a character base64 never has: no buffer for those.
        if (text.Length == 0 || text[0] is '{' or '[' or '"')
        {
            return false;
        }

        var bytes = ArrayPool<byte>.Shared.Rent((text.Length * 3 / 4) + 3);
        try
        {
            if (!Convert.TryFromBase64String(text, bytes, out var written))
            {
                return false;
            }

            content = StrictUtf8.GetString(bytes, 0, written);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
