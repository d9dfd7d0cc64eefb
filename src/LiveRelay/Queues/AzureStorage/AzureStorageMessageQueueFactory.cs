using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveRelay.Queues.AzureStorage;

/// <summary>
/// Queues on one storage account (or Azurite) through the REST API, with Shared Key or Entra ID authentication.
/// HTTP clients come from IHttpClientFactory under <see cref="HttpClientName"/>.
/// </summary>
public sealed class AzureStorageMessageQueueFactory : IMessageQueueFactory, IDisposable
{
    public const string HttpClientName = "LiveRelay.Queues";

    /// <summary>One REST call's time limit unless given: the service's own limit for queue operations is 30 seconds.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, AzureStorageMessageQueue> _queues = new(StringComparer.Ordinal);
    private readonly IQueueRequestAuthorizer _authorizer;
    private readonly QueueServiceRequestSender _sender;

    public AzureStorageMessageQueueFactory(
        IHttpClientFactory httpClientFactory,
        QueueServiceConnection connection,
        TimeSpan? requestTimeout = null,
        TimeProvider? timeProvider = null,
        ILogger<AzureStorageMessageQueueFactory>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(connection);
        var timeout = requestTimeout ?? DefaultRequestTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(requestTimeout));
        var time = timeProvider ?? TimeProvider.System;
        Connection = connection;
        _authorizer = connection.SharedKey is { } key
            ? new SharedKeyRequestAuthorizer(key)
            : new BearerTokenRequestAuthorizer(connection.TokenCredential!, time);
        _sender = new QueueServiceRequestSender(
            httpClientFactory, HttpClientName, connection.ServiceUri, _authorizer, timeout, time, (ILogger?)logger ?? NullLogger.Instance);
    }

    public QueueServiceConnection Connection { get; }

    public IMessageQueue GetQueue(string name)
    {
        QueueNames.Validate(name);
        return _queues.GetOrAdd(name, static (n, sender) => new AzureStorageMessageQueue(n, sender), _sender);
    }

    public void Dispose() => (_authorizer as IDisposable)?.Dispose();
}
