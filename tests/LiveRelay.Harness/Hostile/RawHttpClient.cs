using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace LiveRelay.Harness.Hostile;

/// <summary>Writes bytes to a loopback HTTP server as they are and reads the status of the answer, for requests HttpClient would not send.</summary>
internal static class RawHttpClient
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(15);

    /// <returns>The answer's status, or null when the server closed the connection without one.</returns>
    public static async Task<int?> SendAsync(Uri server, byte[] request, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(AnswerTimeout);
        await client.ConnectAsync(server.Host, server.Port, deadline.Token).ConfigureAwait(false);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(request, deadline.Token).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The server may answer and close before reading everything; the answer is still there to read.
        }

        var received = new List<byte>();
        var buffer = new byte[4096];
        try
        {
            while (!HasStatusLine(received))
            {
                var read = await stream.ReadAsync(buffer, deadline.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                received.AddRange(buffer.AsSpan(0, read));
            }
        }
        catch (IOException)
        {
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        var text = Encoding.ASCII.GetString([.. received]);
        var parts = text.Split(' ', 3);
        return parts.Length >= 2 && parts[0].StartsWith("HTTP/", StringComparison.Ordinal)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status) ? status : null;
    }

    private static bool HasStatusLine(List<byte> received) => received.Contains((byte)'\n');
}
