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

    public static byte[]? TryExtract(ReadOnlySpan<byte> body)
    {
        foreach (var pair in Encoding.UTF8.GetString(body).Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = WebUtility.UrlDecode(equals < 0 ? pair : pair[..equals]);
            if (string.Equals(name, FieldName, StringComparison.Ordinal))
            {
                return Encoding.UTF8.GetBytes(equals < 0 ? string.Empty : WebUtility.UrlDecode(pair[(equals + 1)..]));
            }
        }

        return null;
    }
}
