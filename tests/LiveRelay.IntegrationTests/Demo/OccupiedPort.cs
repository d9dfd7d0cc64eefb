using System.Net;
using System.Net.Sockets;

namespace LiveRelay.IntegrationTests.Demo;

/// <summary>Holds a loopback port with a listener, as an earlier run or another program would.</summary>
internal sealed class OccupiedPort : IDisposable
{
    private readonly TcpListener? _listener;

    private OccupiedPort(TcpListener? listener) => _listener = listener;

    public static OccupiedPort Hold(Uri url)
    {
        var listener = new TcpListener(IPAddress.Parse(url.Host), url.Port);
        try
        {
            listener.Start();
            return new OccupiedPort(listener);
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            // Something else holds it already: just as taken for the demo.
            listener.Dispose();
            return new OccupiedPort(null);
        }
    }

    public void Dispose() => _listener?.Dispose();
}
