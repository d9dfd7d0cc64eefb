using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LiveRelay.Messages;

/// <summary>
/// Deterministic ids. The same event (same source and event id) always yields the same message ids, so a
/// redelivered webhook or a retried queue message is recognised downstream (user messages carry the id as
/// <c>MsgTid</c>, which the API deduplicates on).
/// </summary>
public static class MessageIds
{
    private const int StackLimit = 1024;

    /// <summary>32 lower-case hex characters: letters and digits only, well under the 64-byte MsgTid limit.</summary>
    public static string ForMessage(string source, string eventId, int fanOutIndex)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(eventId);
        ArgumentOutOfRangeException.ThrowIfNegative(fanOutIndex);
        // Every message of every event takes one: the text is formatted on the stack when it fits.
        Span<char> buffer = stackalloc char[StackLimit / 4];
        return buffer.TryWrite(CultureInfo.InvariantCulture, $"{source}\n{eventId}\n{fanOutIndex}", out var written)
            ? Hash(buffer[..written])
            : Hash(string.Create(CultureInfo.InvariantCulture, $"{source}\n{eventId}\n{fanOutIndex}"));
    }

    /// <summary>An event id for events that carry none: the hash of the raw body.</summary>
    public static string ForBody(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        return "sha256-" + Convert.ToHexStringLower(hash[..16]);
    }

    private static string Hash(ReadOnlySpan<char> text)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (most <= StackLimit)
        {
            Span<byte> utf8 = stackalloc byte[StackLimit];
            SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(text, utf8)], hash);
        }
        else
        {
            SHA256.HashData(Encoding.UTF8.GetBytes(text.ToArray()), hash);
        }

        return Convert.ToHexStringLower(hash[..16]);
    }
}
