using System.Net;
using System.Net.Sockets;
using Azure.Core.Pipeline;
using Azure.Storage.Queues;
using LiveRelay.Queues;
using LiveRelay.Queues.AzureStorage;
using LiveRelay.Testing;

namespace LiveRelay.Tests.Queues;

/// <summary>What only the Azure Storage queue does: authentication, and turning the SDK's failures into the processor's error codes.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageQueueClientTests(AzuriteFixture azurite)
{
    private static readonly Action<QueueClientOptions> FastRetries = static options => options.Retry.Delay = TimeSpan.FromMilliseconds(5);

    [Fact]
    public async Task A_wrong_key_gives_a_clear_authentication_error_that_never_shows_the_key()
    {
        var wrongKey = Convert.ToBase64String(Enumerable.Range(1, 64).Select(i => (byte)i).ToArray());
        var connectionString = AzuriteQueueServer.DevelopmentConnectionString(azurite.Server.ServiceUri)
            .Replace(AzuriteQueueServer.DevelopmentAccountKey, wrongKey, StringComparison.Ordinal);
        var factory = new AzureStorageMessageQueueFactory(TestQueues.StorageClients(connectionString).CreateQueueServiceClient());
        var queue = factory.GetQueue(TestQueues.UniqueName());

        var error = await Assert.ThrowsAsync<MessageQueueException>(() => queue.CreateIfNotExistsAsync());

        Assert.Equal(QueueErrorCodes.AuthenticationFailed, error.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal("Create", error.Operation);
        Assert.Equal(queue.Name, error.QueueName);
        Assert.Contains("account name and key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_errors_carry_the_status_the_code_and_the_request_id_in_one_line()
    {
        var queue = TestQueues.AzuriteFactory(azurite.Server).GetQueue(TestQueues.UniqueName());

        var error = await Assert.ThrowsAsync<MessageQueueException>(() => queue.PeekAsync());

        Assert.Equal(QueueErrorCodes.QueueNotFound, error.ErrorCode);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
        Assert.Equal($"Queue '{queue.Name}': Peek failed: HTTP 404 QueueNotFound: The specified queue does not exist. (RequestId {error.RequestId})", error.Message);
    }

    [Fact]
    public async Task An_unreachable_service_is_a_connection_failure_once_the_retries_are_spent()
    {
        var closedPort = LoopbackPort.GetFree();
        var closed = new Uri($"http://127.0.0.1:{closedPort}/{AzuriteQueueServer.DevelopmentAccountName}");
        var factory = new AzureStorageMessageQueueFactory(
            TestQueues.StorageClients(AzuriteQueueServer.DevelopmentConnectionString(closed)).CreateQueueServiceClient(FastRetries));

        var error = await Assert.ThrowsAsync<MessageQueueException>(() => factory.GetQueue("live-messages").GetApproximateCountAsync());

        Assert.Equal(QueueErrorCodes.ConnectionFailed, error.ErrorCode);
        Assert.Equal("Count", error.Operation);
        Assert.Null(error.StatusCode);
        Assert.Contains($"127.0.0.1:{closedPort}", error.Message, StringComparison.Ordinal);
        Assert.Equal(new QueueClientOptions().Retry.MaxRetries + 1, Assert.IsType<AggregateException>(error.InnerException).InnerExceptions.Count);
    }

    [Fact]
    public async Task A_service_that_does_not_answer_times_out()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var endpoint = new Uri($"http://127.0.0.1:{port}/{AzuriteQueueServer.DevelopmentAccountName}");
        var factory = new AzureStorageMessageQueueFactory(TestQueues.StorageClients(AzuriteQueueServer.DevelopmentConnectionString(endpoint))
            .CreateQueueServiceClient(options =>
            {
                FastRetries(options);
                options.Retry.NetworkTimeout = TimeSpan.FromMilliseconds(300);
            }));

        var error = await Assert.ThrowsAsync<MessageQueueException>(() => factory.GetQueue("live-messages").ReceiveAsync(1, TimeSpan.FromSeconds(30)));

        Assert.Equal(QueueErrorCodes.Timeout, error.ErrorCode);
        Assert.Equal("Receive", error.Operation);
    }

    [Fact]
    public async Task The_callers_own_cancellation_is_not_a_queue_failure()
    {
        var queue = TestQueues.AzuriteFactory(azurite.Server).GetQueue(TestQueues.UniqueName());
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queue.CreateIfNotExistsAsync(cancelled.Token));
    }

    [Fact]
    public async Task Entra_ID_tokens_are_sent_over_https_cached_and_never_shown_in_errors()
    {
        using var certificate = AzuriteTlsCertificate.Create();
        await using var server = await AzuriteQueueServer.StartAsync(new AzuriteQueueServerOptions { Certificate = certificate, OAuth = true });
        using var handler = new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => certificate.IsThisCertificate(presented) },
        };
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None, Transport = new HttpClientTransport(handler) };
        var credential = new FakeEntraTokenCredential();
        var factory = new AzureStorageMessageQueueFactory(new QueueServiceClient(server.ServiceUri, credential, options));
        var queue = factory.GetQueue(TestQueues.UniqueName());

        Assert.True(await queue.CreateIfNotExistsAsync());
        await queue.SendAsync("with a token");
        var received = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30)));
        await queue.DeleteAsync(received.MessageId, received.PopReceipt);
        Assert.Equal(0, await queue.GetApproximateCountAsync());

        Assert.Single(credential.Issued);
        Assert.All(credential.RequestedScopes, scopes => Assert.Equal(["https://storage.azure.com/.default"], scopes));

        var wrongAudience = new FakeEntraTokenCredential(audience: "https://vault.azure.net");
        var refused = new AzureStorageMessageQueueFactory(new QueueServiceClient(server.ServiceUri, wrongAudience, options));
        var error = await Assert.ThrowsAsync<MessageQueueException>(() => refused.GetQueue(queue.Name).PeekAsync());
        Assert.Equal(QueueErrorCodes.AuthenticationFailed, error.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        var token = Assert.Single(wrongAudience.Issued);
        Assert.DoesNotContain(token, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[1], error.ToString(), StringComparison.Ordinal);
    }
}
