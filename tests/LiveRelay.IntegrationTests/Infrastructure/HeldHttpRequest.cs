using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace LiveRelay.IntegrationTests.Infrastructure;

/// <summary>
/// An HTTP/1.1 request written by hand on its own connection: the headers and the first byte of the body go out at
/// once, the rest only when asked. The server has the request in its pipeline meanwhile, and its answer can be read
/// even while the body is held (HttpClient would wait for its content to finish first).
/// </summary>
public sealed class HeldHttpRequest : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly byte[] _body;

    private HeldHttpRequest(TcpClient client, byte[] body)
    {
        _client = client;
        _stream = client.GetStream();
        _body = body;
    }

    public static async Task<HeldHttpRequest> StartAsync(Uri baseAddress, HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentNullException.ThrowIfNull(request);
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync();
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{request.Method} {request.RequestUri} HTTP/1.1\r\n")
            .Append(CultureInfo.InvariantCulture, $"Host: {baseAddress.Authority}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n");
        foreach (var (name, values) in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                head.Append(CultureInfo.InvariantCulture, $"{name}: {string.Join(", ", values)}\r\n");
            }
        }

        head.Append("\r\n");
        var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port);
        var held = new HeldHttpRequest(client, body);
        await held._stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        await held._stream.WriteAsync(body.AsMemory(0, Math.Min(1, body.Length)));
        await held._stream.FlushAsync();
        return held;
    }

    /// <summary>Sends the rest of the body.</summary>
    public async Task ReleaseAsync()
    {
        if (_body.Length > 1)
        {
            await _stream.WriteAsync(_body.AsMemory(1));
            await _stream.FlushAsync();
        }
    }

    /// <summary>Reads the status line and headers of the answer (the body is not needed).</summary>
    public async Task<(int Status, string? ContentType)> ReadAnswerAsync(CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        while (true)
        {
            var text = Encoding.ASCII.GetString(received.ToArray());
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                var lines = text[..end].Split("\r\n");
                var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
                var contentType = lines.Skip(1)
                    .Select(static l => l.Split(':', 2))
                    .Where(static p => p.Length == 2 && p[0].Trim().Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                    .Select(static p => p[1].Split(';')[0].Trim())
                    .FirstOrDefault();
                return (status, contentType);
            }

            var read = await _stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                throw new IOException($"The connection closed before an answer: {text}");
            }

            received.AddRange(buffer.AsSpan(0, read).ToArray());
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
