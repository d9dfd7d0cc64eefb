using System.Buffers;
using System.Security.Cryptography;

namespace LiveRelay.Intake.Verification;

/// <summary>Decoding signatures as senders write them, and comparing them without timing leaks.</summary>
internal static class SignatureText
{
    public static byte[]? FromHex(ReadOnlySpan<char> hex)
    {
        hex = hex.Trim();
        if (hex.Length == 0 || hex.Length % 2 != 0)
        {
            return null;
        }

        var bytes = new byte[hex.Length / 2];
        return Convert.FromHexString(hex, bytes, out _, out var written) == System.Buffers.OperationStatus.Done && written == bytes.Length
            ? bytes
            : null;
    }

    public static byte[]? FromBase64(ReadOnlySpan<char> base64)
    {
        base64 = base64.Trim();
        if (base64.Length == 0)
        {
            return null;
        }

        var bytes = new byte[(base64.Length * 3 / 4) + 3];
        return Convert.TryFromBase64Chars(base64, bytes, out var written) ? bytes[..written] : null;
    }

    /// <summary>
    /// True when the HMAC-SHA256 of <paramref name="prefix"/> followed by <paramref name="body"/>, under any of the keys,
    /// equals any of the candidates. Every candidate is compared for every key, so timing does not reveal which one matched.
    /// </summary>
    public static bool MatchesAnyHmacSha256(
        IEnumerable<byte[]> keys, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body, IReadOnlyList<byte[]?> candidates)
    {
        // The one-shot HMAC over one span: an incremental one costs a native context with a finalizer per key and request.
        var content = ArrayPool<byte>.Shared.Rent(prefix.Length + body.Length);
        try
        {
            prefix.CopyTo(content);
            body.CopyTo(content.AsSpan(prefix.Length));
            var signed = content.AsSpan(0, prefix.Length + body.Length);
            Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
            var matched = false;
            foreach (var key in keys)
            {
                HMACSHA256.HashData(key, signed, expected);
                foreach (var candidate in candidates)
                {
                    matched |= Matches(expected, candidate);
                }
            }

            return matched;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(content);
        }
    }

    /// <summary>True when <paramref name="candidate"/> equals <paramref name="expected"/>; time depends only on the lengths.</summary>
    public static bool Matches(ReadOnlySpan<byte> expected, byte[]? candidate) =>
        candidate is not null && candidate.Length == expected.Length && CryptographicOperations.FixedTimeEquals(expected, candidate);
}
