using System.Net;
using System.Text;

namespace LiveRelay.Intake.Input;

/// <summary>
/// GitHub (and others) can post <c>application/x-www-form-urlencoded</c> with the JSON in a <c>payload</c> field. The
/// signature covers the form body as sent; the mapping reads the JSON inside.
/// </summary>
internal static class FormPayload
{
    public const string FieldName = "payload";

    // Throws on invalid UTF-8 instead of substituting U+FFFD, so altered text is never delivered.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The decoded <c>payload</c> field; null with <paramref name="error"/> when it is absent or not UTF-8.</summary>
    public static byte[]? TryExtract(ReadOnlySpan<byte> body, out string? error)
    {
        error = null;
        if (!TryDecode(body, out var form))
        {
            error = "The form body is not valid UTF-8.";
            return null;
        }

        foreach (var pair in form.Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = WebUtility.UrlDecode(equals < 0 ? pair : pair[..equals]);
            if (!string.Equals(name, FieldName, StringComparison.Ordinal))
            {
                continue;
            }

            // Percent-decode to bytes, not text: WebUtility.UrlDecode would replace an invalid sequence with U+FFFD.
            var value = Encoding.UTF8.GetBytes(equals < 0 ? string.Empty : pair[(equals + 1)..]);
            var decoded = WebUtility.UrlDecodeToBytes(value, 0, value.Length);
            if (!TryDecode(decoded, out _))
            {
                error = $"The form field '{FieldName}' is not valid UTF-8 once percent-decoded.";
                return null;
            }

            return decoded;
        }

        error = $"The form body has no '{FieldName}' field holding the JSON event.";
        return null;
    }

    private static bool TryDecode(ReadOnlySpan<byte> bytes, out string text)
    {
        try
        {
            text = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = string.Empty;
            return false;
        }
    }
}
