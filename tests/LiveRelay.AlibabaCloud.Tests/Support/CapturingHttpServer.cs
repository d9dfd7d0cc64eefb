using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LiveRelay.AlibabaCloud.Tests.Support;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 that records every request byte-for-byte (request line, headers in
/// order and original case, body) and answers with whatever the test decides. Written on raw sockets, not on
/// a web framework, so that nothing between the wire and the assertion normalises the request.
/// </summary>
public sealed class CapturingHttpServer : IAsyncDisposable
{
    private const int MaxHeaderBytes = 64 * 1024;
    private const int MaxBodyBytes = 4 * 1024 * 1024;

    private readonly TcpListener _listener;
    private readonly Func<CapturedRequest, CannedResponse> _respond;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<CapturedRequest> _requests = new();
    private readonly ConcurrentBag<Task> _connections = [];
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly Task _acceptLoop;

    private CapturingHttpServer(Func<CapturedRequest, CannedResponse> respond)
    {
        _respond = respond;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary><c>http://127.0.0.1:PORT</c></summary>
    public Uri Endpoint { get; }

    /// <summary><c>127.0.0.1:PORT</c>, as the Node.js SDK takes an endpoint.</summary>
    public string Authority => Endpoint.Authority;

    public IReadOnlyList<CapturedRequest> Requests => [.. _requests];

    /// <summary>How many TCP connections clients have opened; fewer than requests means connections were reused.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Starts a server that answers every request with <paramref name="respond"/>'s answer (200 <c>{}</c> by default).</summary>
    public static CapturingHttpServer Start(Func<CapturedRequest, CannedResponse>? respond = null) =>
        new(respond ?? (_ => CannedResponse.Json(HttpStatusCode.OK, "{}")));

    /// <summary>Starts a server that gives the same answer to every request.</summary>
    public static CapturingHttpServer Start(CannedResponse response) => new(_ => response);

    /// <summary>The only request received so far; fails if there were none or several.</summary>
    public CapturedRequest Single() => Assert.Single(Requests);

    /// <summary>Waits (bounded) until <paramref name="count"/> requests have arrived.</summary>
    public async Task WaitForRequestsAsync(int count, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (_requests.Count < count)
        {
            await _arrived.WaitAsync(cts.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop.WaitAsync(TimeSpan.FromSeconds(10));
            await Task.WhenAll(_connections).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
        {
            // Connections end by cancellation when the server stops; that is the point of stopping.
        }

        _stopping.Dispose();
        _arrived.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _connections.Add(ServeConnectionAsync(client));
        }
    }

    private async Task ServeConnectionAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var reader = new BufferedReader(stream);
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                var request = await ReadRequestAsync(reader, _stopping.Token);
                if (request is null)
                {
                    return;
                }

                _requests.Enqueue(request);
                _arrived.Release();
                var response = _respond(request);
                if (!await WriteResponseAsync(stream, response, _stopping.Token))
                {
                    return;
                }

                if (string.Equals(request.Header("Connection"), "close", StringComparison.OrdinalIgnoreCase))
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The client went away or the server is stopping.
        }
    }

    private static async Task<CapturedRequest?> ReadRequestAsync(BufferedReader reader, CancellationToken cancellationToken)
    {
        var requestLine = await reader.ReadLineAsync(cancellationToken);
        if (requestLine is null)
        {
            return null;
        }

        var parts = requestLine.Split(' ');
        if (parts.Length != 3)
        {
            throw new IOException($"Malformed request line: {requestLine}");
        }

        var headers = new List<KeyValuePair<string, string>>();
        while (await reader.ReadLineAsync(cancellationToken) is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers.Add(new(line[..colon], line[(colon + 1)..].Trim()));
        }

        byte[] body;
        var transferEncoding = headers.FirstOrDefault(h => h.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)).Value;
        var contentLength = headers.FirstOrDefault(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Value;
        if (string.Equals(transferEncoding, "chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = await ReadChunkedAsync(reader, cancellationToken);
        }
        else if (contentLength is not null)
        {
            var length = int.Parse(contentLength, CultureInfo.InvariantCulture);
            if (length > MaxBodyBytes)
            {
                throw new IOException("Request body too large.");
            }

            body = await reader.ReadExactlyAsync(length, cancellationToken);
        }
        else
        {
            body = [];
        }

        return new CapturedRequest(parts[0], parts[1], parts[2], headers, body);
    }

    private static async Task<byte[]> ReadChunkedAsync(BufferedReader reader, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var sizeLine = await reader.ReadLineAsync(cancellationToken) ?? throw new IOException("Chunked body ended early.");
            var size = int.Parse(sizeLine.Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                while (await reader.ReadLineAsync(cancellationToken) is { Length: > 0 })
                {
                }

                return body.ToArray();
            }

            if (body.Length + size > MaxBodyBytes)
            {
                throw new IOException("Request body too large.");
            }

            body.Write(await reader.ReadExactlyAsync(size, cancellationToken));
            await reader.ReadLineAsync(cancellationToken);
        }
    }

    /// <returns>Whether the connection can carry another request.</returns>
    private async Task<bool> WriteResponseAsync(NetworkStream stream, CannedResponse response, CancellationToken cancellationToken)
    {
        if (response.StallBeforeHeaders)
        {
            await WaitForClientToLeaveAsync(stream, cancellationToken);
            return false;
        }

        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {(int)response.Status} {response.Status}\r\n");
        foreach (var (name, value) in response.Headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        if (response.Chunked)
        {
            head.Append("Transfer-Encoding: chunked\r\n\r\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken);
            foreach (var chunk in response.Body.Chunk(64 * 1024))
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n"), cancellationToken);
                await stream.WriteAsync(chunk, cancellationToken);
                await stream.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
            }

            await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), cancellationToken);
            await stream.FlushAsync(cancellationToken);
            return true;
        }

        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {response.Body.Length}\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken);

        var partial = response.StallAfterBodyBytes ?? response.CloseAfterBodyBytes;
        if (partial is { } sent)
        {
            await stream.WriteAsync(response.Body.AsMemory(0, sent), cancellationToken);
            await stream.FlushAsync(cancellationToken);
            if (response.StallAfterBodyBytes is not null)
            {
                await WaitForClientToLeaveAsync(stream, cancellationToken);
            }

            return false;
        }

        await stream.WriteAsync(response.Body, cancellationToken);
        await stream.FlushAsync(cancellationToken);
        return true;
    }

    /// <summary>Holds the connection open, answering nothing, until the client closes it or the server stops.</summary>
    private static async Task WaitForClientToLeaveAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[1];
        while (await stream.ReadAsync(buffer, cancellationToken) > 0)
        {
        }
    }

    /// <summary>Reads CRLF-terminated lines and exact byte counts from a stream, as HTTP/1.1 framing needs.</summary>
    private sealed class BufferedReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[16 * 1024];
        private int _start;
        private int _end;

        public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            var line = new List<byte>();
            while (true)
            {
                if (_start == _end && !await FillAsync(cancellationToken))
                {
                    return line.Count == 0 ? null : throw new IOException("Connection closed mid-line.");
                }

                var b = _buffer[_start++];
                if (b == '\n')
                {
                    if (line.Count > 0 && line[^1] == '\r')
                    {
                        line.RemoveAt(line.Count - 1);
                    }

                    // Header bytes are Latin-1 on the wire; UTF-8 here would hide any non-ASCII a client sent.
                    return Encoding.Latin1.GetString([.. line]);
                }

                line.Add(b);
                if (line.Count > MaxHeaderBytes)
                {
                    throw new IOException("Header line too long.");
                }
            }
        }

        public async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellationToken)
        {
            var result = new byte[count];
            var copied = 0;
            while (copied < count)
            {
                if (_start == _end && !await FillAsync(cancellationToken))
                {
                    throw new IOException("Connection closed mid-body.");
                }

                var take = Math.Min(count - copied, _end - _start);
                Array.Copy(_buffer, _start, result, copied, take);
                _start += take;
                copied += take;
            }

            return result;
        }

        private async Task<bool> FillAsync(CancellationToken cancellationToken)
        {
            _start = 0;
            _end = await stream.ReadAsync(_buffer, cancellationToken);
            return _end > 0;
        }
    }
}
