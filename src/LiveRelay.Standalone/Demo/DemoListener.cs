using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace LiveRelay.Standalone.Demo;

/// <summary>
/// Starts one of the demo's servers: on the address the user asked for, else on its default port, else (the default
/// taken, say by an earlier run still going) on a free port, so a second demo starts instead of failing.
/// </summary>
internal static class DemoListener
{
    public static async Task<DemoListenerStart> StartAsync(
        string? requestedUrls, Uri defaultUrl, Func<string, WebApplication> build, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(requestedUrls))
        {
            // Asked for on purpose: no silent move elsewhere; the caller reports the address in use.
            return new DemoListenerStart(await StartOrDisposeAsync(build(requestedUrls), cancellationToken), TakenDefault: null);
        }

        // Probed first so that the usual case (an earlier demo still running) logs no bind failure; the probe can race
        // with another process, so a failed bind falls back as well.
        if (IsFree(defaultUrl))
        {
            var app = build(Format(defaultUrl, defaultUrl.Port));
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                return new DemoListenerStart(app, TakenDefault: null);
            }
            catch (IOException exception) when (IsAddressInUse(exception))
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }
        }

        return new DemoListenerStart(await StartOrDisposeAsync(build(Format(defaultUrl, 0)), cancellationToken), defaultUrl);
    }

    /// <summary>Kestrel reports a bind conflict as an <see cref="IOException"/> wrapping <see cref="AddressInUseException"/>.</summary>
    public static bool IsAddressInUse(Exception exception) =>
        exception is AddressInUseException || exception.InnerException is AddressInUseException;

    private static async Task<WebApplication> StartOrDisposeAsync(WebApplication app, CancellationToken cancellationToken)
    {
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            return app;
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static bool IsFree(Uri url)
    {
        if (!IPAddress.TryParse(url.Host, out var address))
        {
            return true;
        }

        try
        {
            using var listener = new TcpListener(address, url.Port);
            listener.Start();
            return true;
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return false;
        }
    }

    private static string Format(Uri url, int port) =>
        string.Create(CultureInfo.InvariantCulture, $"{url.Scheme}://{url.Host}:{port}");
}
