using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using LiveRelay.Storage;
using LiveRelay.Testing;
using LiveRelay.Tests.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LiveRelay.Tests.Storage;

/// <summary>The one way LiveRelay makes storage clients: <c>AzureWebJobsStorage</c> read as the Functions runtime reads it.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageClientFactoryTests(AzuriteFixture azurite)
{
    private const string Key = "c2VjcmV0LWtleS1ieXRlcy1mb3ItdGVzdGluZy1vbmx5LTAxMjM0NTY3ODk=";

    [Fact]
    public async Task Both_clients_from_one_connection_string_reach_Azurite_queues_and_tables()
    {
        using var services = Services(new() { [StorageConnection.DefaultName] = azurite.Server.ConnectionString });
        Assert.True(services.GetRequiredService<StorageConnection>().IsConfigured);

        var queue = services.GetRequiredService<QueueServiceClient>().GetQueueClient(TestQueues.UniqueName());
        await queue.CreateAsync();
        await queue.SendMessageAsync("{\"a\":1}");
        Assert.Equal("{\"a\":1}", (await queue.ReceiveMessageAsync()).Value.Body.ToString());

        var table = services.GetRequiredService<TableServiceClient>().GetTableClient("t" + Guid.NewGuid().ToString("N")[..20]);
        await table.CreateAsync();
        await table.UpsertEntityAsync(new TableEntity("pacing", "instance-1") { ["Share"] = 12.5 });
        var read = await table.GetEntityAsync<TableEntity>("pacing", "instance-1");
        Assert.Equal(12.5, read.Value.GetDouble("Share"));
        Assert.Equal(azurite.Server.TableServiceUri.AbsoluteUri.TrimEnd('/'), services.GetRequiredService<TableServiceClient>().Uri.AbsoluteUri.TrimEnd('/'));
    }

    [Fact]
    public void UseDevelopmentStorage_means_Azurite_on_its_default_ports()
    {
        var clients = TestQueues.StorageClients("UseDevelopmentStorage=true");

        Assert.Equal("http://127.0.0.1:10001/devstoreaccount1", clients.CreateQueueServiceClient().Uri.AbsoluteUri.TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1", clients.CreateTableServiceClient().Uri.AbsoluteUri.TrimEnd('/'));
        Assert.True(clients.Connection.IsConnectionString);
    }

    [Fact]
    public void An_account_connection_string_gives_the_accounts_endpoints_and_never_shows_the_key()
    {
        var clients = TestQueues.StorageClients($"DefaultEndpointsProtocol=https;AccountName=liverelaydata;AccountKey={Key};EndpointSuffix=core.windows.net");

        Assert.Equal("https://liverelaydata.queue.core.windows.net/", clients.CreateQueueServiceClient().Uri.AbsoluteUri);
        Assert.Equal("https://liverelaydata.table.core.windows.net/", clients.CreateTableServiceClient().Uri.AbsoluteUri);
        Assert.Equal("liverelaydata", clients.CreateQueueServiceClient().AccountName);
        Assert.DoesNotContain(Key, clients.Connection.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Identity_based_settings_give_each_service_its_own_uri()
    {
        var clients = TestQueues.StorageClients(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage:queueServiceUri"] = "https://liverelaydata.queue.core.windows.net",
            ["AzureWebJobsStorage:tableServiceUri"] = "https://liverelaydata.table.core.windows.net",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        });

        Assert.False(clients.Connection.IsConnectionString);
        Assert.Equal("https://liverelaydata.queue.core.windows.net/", clients.CreateQueueServiceClient().Uri.AbsoluteUri);
        Assert.Equal("https://liverelaydata.table.core.windows.net/", clients.CreateTableServiceClient().Uri.AbsoluteUri);
        Assert.Equal(
            "AzureWebJobsStorage (identity-based: queue https://liverelaydata.queue.core.windows.net/, table https://liverelaydata.table.core.windows.net/)",
            clients.Connection.ToString());
    }

    [Fact]
    public void Identity_based_settings_accept_an_account_name_for_every_service()
    {
        var clients = TestQueues.StorageClients(new Dictionary<string, string?> { ["AzureWebJobsStorage:accountName"] = "liverelaydata" });

        Assert.Equal("https://liverelaydata.queue.core.windows.net/", clients.CreateQueueServiceClient().Uri.AbsoluteUri);
        Assert.Equal("https://liverelaydata.table.core.windows.net/", clients.CreateTableServiceClient().Uri.AbsoluteUri);
    }

    [Fact]
    public void A_connection_string_under_ConnectionStrings_comes_first_as_in_the_runtime()
    {
        var clients = TestQueues.StorageClients(new Dictionary<string, string?>
        {
            ["ConnectionStrings:AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://other.queue.core.windows.net",
        });

        Assert.Equal("http://127.0.0.1:10001/devstoreaccount1", clients.CreateQueueServiceClient().Uri.AbsoluteUri.TrimEnd('/'));
    }

    [Fact]
    public void Without_settings_storage_is_not_configured_and_a_client_asked_for_names_the_setting()
    {
        using var services = Services([]);

        Assert.False(services.GetRequiredService<StorageConnection>().IsConfigured);
        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<TableServiceClient>());
        Assert.Equal("Setting 'AzureWebJobsStorage' is not configured: no table storage.", error.Message);
    }

    [Theory]
    [InlineData("AccountName=a;AccountKey=" + Key + ";DefaultEndpointsProtocol=ftp")]
    [InlineData("just-a-string")]
    public void An_unusable_connection_string_is_refused_naming_the_setting_and_never_the_key(string connectionString)
    {
        var error = Assert.Throws<InvalidOperationException>(() => TestQueues.StorageClients(connectionString).CreateQueueServiceClient());

        Assert.StartsWith("Setting 'AzureWebJobsStorage' cannot be used for the queue service", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Identity_based_settings_without_the_services_uri_are_refused_naming_it()
    {
        var clients = TestQueues.StorageClients(new Dictionary<string, string?> { ["AzureWebJobsStorage:queueServiceUri"] = "https://liverelaydata.queue.core.windows.net" });

        var error = Assert.Throws<InvalidOperationException>(() => clients.CreateTableServiceClient());
        Assert.Contains("AzureWebJobsStorage:tableServiceUri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registering_twice_keeps_one_of_each()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" }).Build();
        var services = new ServiceCollection().AddLiveRelayStorage(configuration).AddLiveRelayStorage(configuration);

        Assert.Single(services, d => d.ServiceType == typeof(StorageClientFactory));
        Assert.Single(services, d => d.ServiceType == typeof(QueueServiceClient));
        Assert.Single(services, d => d.ServiceType == typeof(TableServiceClient));
        using var provider = services.BuildServiceProvider();
        Assert.Same(provider.GetRequiredService<TableServiceClient>(), provider.GetRequiredService<TableServiceClient>());
    }

    [Fact]
    public async Task Table_errors_come_back_as_the_services_codes()
    {
        var tables = TestQueues.StorageClients(azurite.Server.ConnectionString).CreateTableServiceClient();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => tables.GetTableClient("nosuchtable").GetEntityAsync<TableEntity>("p", "r"));
        Assert.Equal(404, error.Status);
        Assert.Equal("TableNotFound", error.ErrorCode);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddLiveRelayStorage(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
}
