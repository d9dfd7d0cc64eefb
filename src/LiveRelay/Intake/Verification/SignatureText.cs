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
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var matched = false;
        foreach (var key in keys)
        {
            using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
            hmac.AppendData(prefix);
            hmac.AppendData(body);
            hmac.GetHashAndReset(expected);
            foreach (var candidate in candidates)
            {
                matched |= Matches(expected, candidate);
            }
        }

        return matched;
    }

    /// <summary>True when <paramref name="candidate"/> equals <paramref name="expected"/>; time depends only on the lengths.</summary>
    public static bool Matches(ReadOnlySpan<byte> expected, byte[]? candidate) =>
        candidate is not null && candidate.Length == expected.Length && CryptographicOperations.FixedTimeEquals(expected, candidate);
}
