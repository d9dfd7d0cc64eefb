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
    /// <summary>32 lower-case hex characters: letters and digits only, well under the 64-byte MsgTid limit.</summary>
    public static string ForMessage(string source, string eventId, int fanOutIndex)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(eventId);
        ArgumentOutOfRangeException.ThrowIfNegative(fanOutIndex);
        return Hash($"{source}\n{eventId}\n{fanOutIndex.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>An event id for events that carry none: the hash of the raw body.</summary>
    public static string ForBody(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        return "sha256-" + Convert.ToHexStringLower(hash[..16]);
    }

    private static string Hash(string text)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
