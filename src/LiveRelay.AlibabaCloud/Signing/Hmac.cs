using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace LiveRelay.AlibabaCloud.Signing;

/// <summary>
/// HMAC and SHA-256 over strings through pooled UTF-8 buffers, so signing allocates only its results. Buffers
/// that held key bytes are zeroed before they go back to the pool: a pooled array outlives the call.
/// </summary>
internal static class Hmac
{
    public static void Sha256(string key, string message, Span<byte> destination) =>
        Compute(HashAlgorithmName.SHA256, key, keySuffix: null, message, destination);

    public static void Sha1(string key, char keySuffix, string message, Span<byte> destination) =>
        Compute(HashAlgorithmName.SHA1, key, keySuffix, message, destination);

    /// <summary>SHA-256 of the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static void HashUtf8(string text, Span<byte> destination)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, buffer);
            SHA256.HashData(buffer.AsSpan(0, length), destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Compute(HashAlgorithmName algorithm, string key, char? keySuffix, string message, Span<byte> destination)
    {
        var keyBuffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(key.Length + 1));
        var messageBuffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(message.Length));
        var keyLength = 0;
        try
        {
            keyLength = Encoding.UTF8.GetBytes(key, keyBuffer);
            if (keySuffix is { } suffix)
            {
                keyBuffer[keyLength++] = (byte)suffix;
            }

            var messageLength = Encoding.UTF8.GetBytes(message, messageBuffer);
            var keyBytes = keyBuffer.AsSpan(0, keyLength);
            var messageBytes = messageBuffer.AsSpan(0, messageLength);
            if (algorithm == HashAlgorithmName.SHA256)
            {
                HMACSHA256.HashData(keyBytes, messageBytes, destination);
            }
            else
            {
#pragma warning disable CA5350 // HMAC-SHA1 is what the V1 scheme is; callers choose V3 unless they need V1.
                HMACSHA1.HashData(keyBytes, messageBytes, destination);
#pragma warning restore CA5350
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keyBuffer.AsSpan(0, keyLength));
            ArrayPool<byte>.Shared.Return(keyBuffer);
            ArrayPool<byte>.Shared.Return(messageBuffer);
        }
    }
}
