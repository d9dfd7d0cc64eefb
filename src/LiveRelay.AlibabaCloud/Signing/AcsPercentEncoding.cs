using System.Buffers;
using System.Text;

namespace LiveRelay.AlibabaCloud.Signing;

/// <summary>
/// Percent-encoding as Alibaba Cloud signs it: UTF-8, and only <c>A-Z a-z 0-9 - _ . ~</c> left literal
/// (so a space is <c>%20</c> and <c>*</c> is <c>%2A</c>, unlike <see cref="Uri.EscapeDataString(string)"/>
/// on some inputs and unlike form encoding).
/// </summary>
public static class AcsPercentEncoding
{
    private static readonly SearchValues<char> Unreserved =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~");

    /// <summary>Characters Node.js <c>querystring.stringify</c> leaves literal in a form body.</summary>
    private static readonly SearchValues<char> FormLiteral =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~!*'()");

    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Escape(value, Unreserved);
    }

    public static void Encode(StringBuilder builder, string value)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(value);
        Escape(builder, value, Unreserved);
    }

    /// <summary>
    /// Encodes a value for an <c>application/x-www-form-urlencoded</c> body byte-for-byte as the official
    /// Node.js SDK does, so both produce the same body and therefore the same payload hash.
    /// </summary>
    public static void EncodeForm(StringBuilder builder, string value)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(value);
        Escape(builder, value, FormLiteral);
    }

    /// <summary>
    /// Appends <c>Encode(Encode(value))</c>, as the V1 string to sign needs it, without building the once-encoded
    /// string: unreserved characters survive both passes, and every other byte's <c>%XX</c> becomes <c>%25XX</c>.
    /// </summary>
    internal static void EncodeTwice(StringBuilder builder, string value) => Escape(builder, value, Unreserved, "%25");

    private static string Escape(string value, SearchValues<char> literal)
    {
        if (!value.AsSpan().ContainsAnyExcept(literal))
        {
            return value;
        }

        var builder = StringBuilderCache.Acquire(value.Length * 3);
        Escape(builder, value, literal);
        return StringBuilderCache.GetStringAndRelease(builder);
    }

    private static void Escape(StringBuilder builder, string value, SearchValues<char> literal, string escape = "%")
    {
        var span = value.AsSpan();
        while (!span.IsEmpty)
        {
            var next = span.IndexOfAnyExcept(literal);
            if (next < 0)
            {
                builder.Append(span);
                return;
            }

            builder.Append(span[..next]);
            span = span[next..];
            var run = span.IndexOfAny(literal);
            var escaped = run < 0 ? span : span[..run];
            AppendUtf8Escaped(builder, escaped, escape);
            span = run < 0 ? [] : span[run..];
        }
    }

    private static void AppendUtf8Escaped(StringBuilder builder, ReadOnlySpan<char> chars, string escape)
    {
        var max = Encoding.UTF8.GetMaxByteCount(chars.Length);
        byte[]? rented = null;
        var bytes = max <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var count = Encoding.UTF8.GetBytes(chars, bytes);
            foreach (var b in bytes[..count])
            {
                builder.Append(escape).Append(HexUpper[b >> 4]).Append(HexUpper[b & 0xF]);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private const string HexUpper = "0123456789ABCDEF";
}
