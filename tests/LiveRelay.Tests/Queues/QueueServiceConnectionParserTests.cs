using Azure.Identity;
using LiveRelay.Queues.AzureStorage;
using Microsoft.Extensions.Configuration;

namespace LiveRelay.Tests.Queues;

public sealed class QueueServiceConnectionParserTests
{
    private const string Key = "c2VjcmV0LWtleS1ieXRlcy1mb3ItdGVzdGluZy1vbmx5LTAxMjM0NTY3ODk=";

    [Fact]
    public void UseDevelopmentStorage_means_Azurite_on_its_default_address_with_the_development_account()
    {
        var connection = QueueServiceConnectionParser.ParseConnectionString("UseDevelopmentStorage=true");

        Assert.Equal("http://127.0.0.1:10001/devstoreaccount1", connection.ServiceUri.AbsoluteUri);
        Assert.Equal("devstoreaccount1", connection.AccountName);
        Assert.Null(connection.TokenCredential);
    }

    [Fact]
    public void An_account_connection_string_gives_the_account_queue_endpoint()
    {
        var connection = QueueServiceConnectionParser.ParseConnectionString(
            $"DefaultEndpointsProtocol=https;AccountName=liverelaydata;AccountKey={Key};EndpointSuffix=core.windows.net");

        Assert.Equal("https://liverelaydata.queue.core.windows.net/", connection.ServiceUri.AbsoluteUri);
        Assert.Equal("liverelaydata", connection.AccountName);
        Assert.DoesNotContain(Key, connection.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_explicit_QueueEndpoint_wins_and_may_carry_the_account_as_a_path()
    {
        var connection = QueueServiceConnectionParser.ParseConnectionString(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};QueueEndpoint=http://127.0.0.1:10099/devstoreaccount1/;");

        Assert.Equal("http://127.0.0.1:10099/devstoreaccount1", connection.ServiceUri.AbsoluteUri);
    }

    [Theory]
    [InlineData("AccountName=a;DefaultEndpointsProtocol=https", "no AccountKey")]
    [InlineData("AccountKey=" + Key, "no AccountName")]
    [InlineData("AccountName=a;AccountKey=not*base64!", "AccountKey is not valid base64")]
    [InlineData("AccountName=a;AccountKey=" + Key + ";DefaultEndpointsProtocol=ftp", "DefaultEndpointsProtocol")]
    [InlineData("AccountName=a;AccountKey=" + Key + ";DefaultEndpointsProtocol=http", "https")]
    [InlineData("QueueEndpoint=https://a.queue.core.windows.net;SharedAccessSignature=sv=2024&sig=x", "SharedAccessSignature")]
    [InlineData("UseDevelopmentStorage=false", "UseDevelopmentStorage")]
    [InlineData("just-a-string", "Name=value")]
    public void Unusable_connection_strings_are_refused_naming_the_part_and_never_the_key(string connectionString, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => QueueServiceConnectionParser.ParseConnectionString(connectionString));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("not*base64!", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_configured_means_no_connection()
    {
        Assert.Null(QueueServiceConnectionParser.FromConfiguration(Configuration([])));
    }

    [Fact]
    public void A_connection_string_setting_is_read_from_AzureWebJobsStorage()
    {
        var connection = QueueServiceConnectionParser.FromConfiguration(Configuration(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" }));
        Assert.Equal("devstoreaccount1", connection!.AccountName);
    }

    [Fact]
    public void Identity_based_settings_with_a_managed_identity_give_a_token_connection()
    {
        var connection = QueueServiceConnectionParser.FromConfiguration(Configuration(new()
        {
            ["AzureWebJobsStorage:queueServiceUri"] = "https://liverelaydata.queue.core.windows.net",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        }));

        Assert.IsType<ManagedIdentityCredential>(connection!.TokenCredential);
        Assert.Equal("https://liverelaydata.queue.core.windows.net/", connection.ServiceUri.AbsoluteUri);
        Assert.Null(connection.AccountName);
    }

    [Fact]
    public void Identity_based_settings_accept_an_account_name_and_default_to_the_default_credential_chain()
    {
        var connection = QueueServiceConnectionParser.FromConfiguration(Configuration(new() { ["AzureWebJobsStorage:accountName"] = "liverelaydata" }));

        Assert.IsType<DefaultAzureCredential>(connection!.TokenCredential);
        Assert.Equal("https://liverelaydata.queue.core.windows.net/", connection.ServiceUri.AbsoluteUri);
    }

    [Fact]
    public void Identity_based_settings_with_a_client_secret_use_it()
    {
        var connection = QueueServiceConnectionParser.FromConfiguration(Configuration(new()
        {
            ["AzureWebJobsStorage:queueServiceUri"] = "https://liverelaydata.queue.core.windows.net",
            ["AzureWebJobsStorage:tenantId"] = "00000000-0000-0000-0000-000000000002",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000003",
            ["AzureWebJobsStorage:clientSecret"] = "the-client-secret",
        }));

        Assert.IsType<ClientSecretCredential>(connection!.TokenCredential);
        Assert.DoesNotContain("the-client-secret", connection.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("credential", "certificate", "credential must be 'managedidentity'")]
    [InlineData("queueServiceUri", "not a uri", "queueServiceUri is not an absolute URI")]
    [InlineData("queueServiceUri", "http://liverelaydata.queue.core.windows.net", "https")]
    public void Broken_identity_based_settings_are_refused_naming_the_setting(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { ["AzureWebJobsStorage:queueServiceUri"] = "https://a.queue.core.windows.net" };
        settings[$"AzureWebJobsStorage:{key}"] = value;

        var error = Assert.Throws<InvalidOperationException>(() => QueueServiceConnectionParser.FromConfiguration(Configuration(settings)));
        Assert.StartsWith("Setting 'AzureWebJobsStorage':", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
