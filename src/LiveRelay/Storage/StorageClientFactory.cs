using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;

namespace LiveRelay.Storage;

/// <summary>
/// Makes the Azure SDK's storage clients for one <see cref="StorageConnection"/> the way the Functions runtime makes
/// its own (WebJobs <c>StorageClientProvider</c>): client options and the token credential come from
/// Microsoft.Extensions.Azure's <see cref="AzureComponentFactory"/> reading the connection's section; a connection
/// string goes to the client through the component factory; identity-based settings give the service URI
/// (<c>queueServiceUri</c>, <c>tableServiceUri</c> or <c>accountName</c>) and the credential (<c>credential</c>,
/// <c>clientId</c>, ...).
/// </summary>
public sealed class StorageClientFactory : IDisposable
{
    /// <summary>
    /// Below Azurite's (Node.js) 5-second keep-alive: a pooled connection the server has just closed fails the next call
    /// on it, and a failed delete would bring a delivered message back after its lease. Costs Azure Storage nothing.
    /// </summary>
    public static readonly TimeSpan PooledConnectionIdleTimeout = TimeSpan.FromSeconds(4);

    private readonly AzureComponentFactory _components;
    private readonly HttpClientTransport _transport;
    private readonly SocketsHttpHandler _handler;

    public StorageClientFactory(AzureComponentFactory components, StorageConnection connection)
    {
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(connection);
        _components = components;
        Connection = connection;
        _handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = PooledConnectionIdleTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        _transport = new HttpClientTransport(_handler);
    }

    public StorageConnection Connection { get; }

    public bool IsConfigured => Connection.IsConfigured;

    /// <summary>A queue service client. Messages are sent and read as given (<see cref="QueueMessageEncoding.None"/>) unless <paramref name="configure"/> says otherwise.</summary>
    /// <exception cref="InvalidOperationException">Storage is not configured, or its settings are unusable (the message names the setting, never a key).</exception>
    public QueueServiceClient CreateQueueServiceClient(Action<QueueClientOptions>? configure = null) =>
        Create("queue", (QueueClientOptions options) =>
        {
            options.MessageEncoding = QueueMessageEncoding.None;
            configure?.Invoke(options);
        }, static (uri, credential, options) => new QueueServiceClient(uri, credential, options));

    /// <exception cref="InvalidOperationException">Storage is not configured, or its settings are unusable.</exception>
    public TableServiceClient CreateTableServiceClient(Action<TableClientOptions>? configure = null) =>
        Create("table", configure, static (uri, credential, options) => new TableServiceClient(uri, credential, options));

    public void Dispose()
    {
        _transport.Dispose();
        _handler.Dispose();
    }

    /// <summary>The component factory calls the client's constructor by reflection: what the constructor refused is inside.</summary>
    private static Exception? Unusable(Exception exception)
    {
        var refused = exception is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : exception;
        return refused is FormatException or ArgumentException or InvalidCastException ? refused : null;
    }

    private TClient Create<TClient, TOptions>(string service, Action<TOptions>? configure, Func<Uri, TokenCredential, TOptions, TClient> withIdentity)
        where TOptions : ClientOptions
    {
        var section = Connection.Section
            ?? throw new InvalidOperationException($"Setting '{Connection.Name}' is not configured: no {service} storage.");
        try
        {
            var options = (TOptions)_components.CreateClientOptions(typeof(TOptions), null, section);
            options.Transport = _transport;
            configure?.Invoke(options);

            // As the runtime does: a connection string wins; otherwise the service URI and a credential from the settings.
            if (!Connection.IsConnectionString)
            {
                var uri = Connection.IdentityServiceUri(service)
                    ?? throw new InvalidOperationException(
                        $"Setting '{Connection.Name}' has neither a connection string nor '{Connection.Name}:{service}ServiceUri' (or ':accountName').");
                return withIdentity(uri, _components.CreateTokenCredential(section), options);
            }

            return (TClient)_components.CreateClient(typeof(TClient), section, null, options);
        }
        catch (Exception ex) when (Unusable(ex) is { } problem)
        {
            // The SDK's own messages name the part of the connection string; they never echo the key.
            throw new InvalidOperationException($"Setting '{Connection.Name}' cannot be used for the {service} service: {problem.Message}", problem);
        }
    }
}
