using System.Net;
using Azure.Core;

namespace LiveRelay.Queues.AzureStorage;

/// <summary>
/// Where the queue service is and how to authenticate to it: an account key (Shared Key) or an Entra ID
/// <see cref="TokenCredential"/>. <see cref="ToString"/> never shows the key.
/// </summary>
public sealed class QueueServiceConnection
{
    /// <summary>Azurite's documented development account (the same for every installation).</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>Azurite's documented, public development key: not a secret.</summary>
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static readonly Uri DevelopmentQueueServiceUri = new("http://127.0.0.1:10001/devstoreaccount1");

    private QueueServiceConnection(Uri serviceUri, StorageSharedKey? sharedKey, TokenCredential? credential)
    {
        ServiceUri = serviceUri;
        SharedKey = sharedKey;
        TokenCredential = credential;
    }

    /// <summary>The queue service endpoint, e.g. <c>https://account.queue.core.windows.net</c> or Azurite's <c>http://127.0.0.1:10001/devstoreaccount1</c>.</summary>
    public Uri ServiceUri { get; }

    public TokenCredential? TokenCredential { get; }

    public string? AccountName => SharedKey?.AccountName;

    internal StorageSharedKey? SharedKey { get; }

    /// <exception cref="ArgumentException">The URI is not an absolute https URI without query (plain http only for loopback), or the key is not base64.</exception>
    public static QueueServiceConnection WithSharedKey(Uri serviceUri, string accountName, string accountKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountName);
        ArgumentException.ThrowIfNullOrEmpty(accountKey);
        ValidateServiceUri(serviceUri);
        byte[] key;
        try
        {
            key = Convert.FromBase64String(accountKey);
        }
        catch (FormatException)
        {
            throw new ArgumentException("The account key is not valid base64.", nameof(accountKey));
        }

        return new QueueServiceConnection(Trim(serviceUri), new StorageSharedKey(accountName, key), null);
    }

    /// <exception cref="ArgumentException">The URI is not an absolute https URI without query (plain http only for loopback).</exception>
    public static QueueServiceConnection WithTokenCredential(Uri serviceUri, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ValidateServiceUri(serviceUri);
        return new QueueServiceConnection(Trim(serviceUri), null, credential);
    }

    /// <summary>Azurite on its default address with the development account.</summary>
    public static QueueServiceConnection Development(Uri? serviceUri = null) =>
        WithSharedKey(serviceUri ?? DevelopmentQueueServiceUri, DevelopmentAccountName, DevelopmentAccountKey);

    public override string ToString() =>
        SharedKey is { } key ? $"{ServiceUri} (Shared Key, account {key.AccountName})" : $"{ServiceUri} (Entra ID, {TokenCredential!.GetType().Name})";

    internal static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));

    private static void ValidateServiceUri(Uri serviceUri)
    {
        ArgumentNullException.ThrowIfNull(serviceUri);
        if (!serviceUri.IsAbsoluteUri || (serviceUri.Scheme != Uri.UriSchemeHttp && serviceUri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("The queue service URI must be an absolute http(s) URI.", nameof(serviceUri));
        }

        if (!string.IsNullOrEmpty(serviceUri.Query))
        {
            throw new ArgumentException("The queue service URI must have no query (shared access signatures are not supported).", nameof(serviceUri));
        }

        // Tokens, signed requests and message contents must not cross a network in clear text; Azurite on loopback is the exception.
        if (serviceUri.Scheme == Uri.UriSchemeHttp && !IsLoopback(serviceUri))
        {
            throw new ArgumentException("The queue service URI must use https; plain http is allowed only for loopback addresses.", nameof(serviceUri));
        }
    }

    private static Uri Trim(Uri uri) => new(uri.GetLeftPart(UriPartial.Path).TrimEnd('/'));
}
