using System.Net;
using System.Net.Sockets;
using LiveRelay.Queues;
using LiveRelay.Queues.AzureStorage;
using LiveRelay.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveRelay.Tests.Queues;

/// <summary>What only the REST client does: authentication, error reporting, and failures without an answer.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageQueueClientTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_client_speaks_to_Azurite_with_a_connection_string()
    {
        var connection = QueueServiceConnectionParser.ParseConnectionString(azurite.Server.ConnectionString);
        using var factory = new AzureStorageMessageQueueFactory(TestQueues.HttpClientFactory(), connection);
        var queue = factory.GetQueue(TestQueues.UniqueName());

        Assert.True(await queue.CreateIfNotExistsAsync());
        await queue.SendAsync("over REST");
        Assert.Equal("over REST", Assert.Single(await queue.PeekAsync()).Text);
    }

    [Fact]
    public async Task A_wrong_key_gives_a_clear_authentication_error_that_never_shows_the_key()
    {
        var wrongKey = Convert.ToBase64String(Enumerable.Range(1, 64).Select(i => (byte)i).ToArray());
        var connection = QueueServiceConnection.WithSharedKey(azurite.Server.ServiceUri, QueueServiceConnection.DevelopmentAccountName, wrongKey);
        using var factory = new AzureStorageMessageQueueFactory(TestQueues.HttpClientFactory(), connection);
        var queue = factory.GetQueue(TestQueues.UniqueName());

        var error = await Assert.ThrowsAsync<MessageQueueException>(() => queue.CreateIfNotExistsAsync());

        Assert.Equal(QueueErrorCodes.AuthenticationFailed, error.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal("Create", error.Operation);
        Assert.Equal(queue.Name, error.QueueName);
        Assert.Contains("account name and key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("SharedKey", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, connection.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_errors_carry_the_status_the_code_and_the_request_id()
    {
        using var factory = TestQueues.AzuriteFactory(azurite.Server);
        var queue = factory.GetQueue(TestQueues.UniqueName());

        var error = await Assert.ThrowsAsync<MessageQueueException>(() => queue.PeekAsync());

        Assert.Equal(QueueErrorCodes.QueueNotFound, error.ErrorCode);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
        Assert.Equal($"Queue '{queue.Name}': Peek failed: HTTP 404 QueueNotFound: The specified queue does not exist. (RequestId {error.RequestId})", error.Message);
    }

    [Fact]
    public async Task An_unreachable_service_is_a_connection_failure()
    {
        var closedPort = LoopbackPort.GetFree();
        using var factory = new AzureStorageMessageQueueFactory(
            TestQueues.HttpClientFactory(), QueueServiceConnection.Development(new Uri($"http://127.0.0.1:{closedPort}/devstoreaccount1")));

        var error = await Assert.ThrowsAsync<MessageQueueException>(() => factory.GetQueue("live-messages").GetApproximateCountAsync());

        Assert.Equal(QueueErrorCodes.ConnectionFailed, error.ErrorCode);
        Assert.Null(error.StatusCode);
        Assert.Contains($"127.0.0.1:{closedPort}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_that_does_not_answer_times_out()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var factory = new AzureStorageMessageQueueFactory(
            TestQueues.HttpClientFactory(),
            QueueServiceConnection.Development(new Uri($"http://127.0.0.1:{port}/devstoreaccount1")),
            requestTimeout: TimeSpan.FromMilliseconds(500));

        var error = await Assert.ThrowsAsync<MessageQueueException>(() => factory.GetQueue("live-messages").ReceiveAsync(1, TimeSpan.FromSeconds(30)));

        Assert.Equal(QueueErrorCodes.Timeout, error.ErrorCode);
        Assert.Equal("Receive", error.Operation);
    }

    [Fact]
    public async Task Entra_ID_tokens_are_sent_over_https_cached_and_never_shown_in_errors()
    {
        using var certificate = AzuriteTlsCertificate.Create();
        await using var server = await AzuriteQueueServer.StartAsync(new AzuriteQueueServerOptions { Certificate = certificate, OAuth = true });
        var httpClients = TestQueues.HttpClientFactory(builder => builder.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => certificate.IsThisCertificate(presented) },
        }));
        var credential = new FakeEntraTokenCredential();
        using var factory = new AzureStorageMessageQueueFactory(httpClients, QueueServiceConnection.WithTokenCredential(server.ServiceUri, credential));
        var queue = factory.GetQueue(TestQueues.UniqueName());

        Assert.True(await queue.CreateIfNotExistsAsync());
        await queue.SendAsync("with a token");
        var received = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30)));
        await queue.DeleteAsync(received.MessageId, received.PopReceipt);
        Assert.Equal(0, await queue.GetApproximateCountAsync());

        Assert.Single(credential.Issued);
        Assert.All(credential.RequestedScopes, scopes => Assert.Equal(["https://storage.azure.com/.default"], scopes));

        var wrongAudience = new FakeEntraTokenCredential(audience: "https://vault.azure.net");
        using var refused = new AzureStorageMessageQueueFactory(httpClients, QueueServiceConnection.WithTokenCredential(server.ServiceUri, wrongAudience));
        var error = await Assert.ThrowsAsync<MessageQueueException>(() => refused.GetQueue(queue.Name).PeekAsync());
        Assert.Equal(QueueErrorCodes.AuthenticationFailed, error.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        var token = Assert.Single(wrongAudience.Issued);
        Assert.DoesNotContain(token, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[1], error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Tokens_are_never_sent_over_plain_http_to_a_remote_host()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            QueueServiceConnection.WithTokenCredential(new Uri("http://liverelaydata.queue.core.windows.net"), new FakeEntraTokenCredential()));
        Assert.Contains("https", error.Message, StringComparison.Ordinal);
    }
}
