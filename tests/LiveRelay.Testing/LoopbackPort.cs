using System.Net;
using System.Net.Sockets;

namespace LiveRelay.Testing;

/// <summary>Free TCP ports on 127.0.0.1.</summary>
public static class LoopbackPort
{
    public static int GetFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
