using System.Buffers;
using LiveRelay.Intake.Configuration;
using Microsoft.Extensions.Options;

namespace LiveRelay.Hosting;

/// <summary>
/// Reads an HTTP request body into memory exactly as it arrived (signatures cover these bytes), stopping one byte past
/// <c>LiveRelay:Intake:MaxBodyBytes</c>: intake then answers 413, and an oversized body is never held whole.
/// </summary>
public sealed class RequestBodyReader
{
    private const int InitialBufferBytes = 16 * 1024;
    private const int ProbeBytes = 4 * 1024;

    private readonly int _maxBodyBytes;

    public RequestBodyReader(IOptions<IntakeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _maxBodyBytes = options.Value.MaxBodyBytes;
    }

    /// <param name="body">The request body stream; read to its end or to the limit, not disposed.</param>
    /// <param name="contentLength">The Content-Length header when sent: sizes the buffer; the stream decides the length.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    public async Task<ReadOnlyMemory<byte>> ReadAsync(Stream body, long? contentLength = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var limit = _maxBodyBytes + 1;
        var buffer = new byte[(int)Math.Clamp(contentLength ?? InitialBufferBytes, 1, Math.Min(limit, InitialBufferBytes * 64))];
        var length = 0;
        while (length < limit)
        {
            if (length == buffer.Length)
            {
                // Full, and usually with the whole body (Content-Length sized it): find out whether more comes before
                // growing, rather than allocating and copying twice the body only to read nothing.
                var probe = ArrayPool<byte>.Shared.Rent(ProbeBytes);
                try
                {
                    var more = await body.ReadAsync(probe.AsMemory(0, (int)Math.Min(limit - length, ProbeBytes)), cancellationToken).ConfigureAwait(false);
                    if (more == 0)
                    {
                        break;
                    }

                    Array.Resize(ref buffer, (int)Math.Min(Math.Max((long)buffer.Length * 2, length + more), limit));
                    probe.AsSpan(0, more).CopyTo(buffer.AsSpan(length));
                    length += more;
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(probe);
                }

                continue;
            }

            var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return buffer.AsMemory(0, length);
    }
}
