using System.Text.Json;
using LiveRelay.Queues;
using LiveRelay.Queues.Processing;
using LiveRelay.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LiveRelay.Cli.Tests;

/// <summary><c>liverelay poison</c> against a real Azurite queue service, with a message parked in the host's format.</summary>
public sealed class PoisonCommandTests : IAsyncLifetime
{
    private const string Envelope =
        """{"v":1,"id":"cli7env","kind":"user","source":"shop","eventId":"order-7","createdAt":"2026-12-04T19:00:00+00:00","request":{"appId":"app1","receiverId":"u7","senderId":"shop","body":"hi"}}""";

    private AzuriteQueueServer _azurite = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteQueueServer.StartAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = _azurite.ConnectionString })
            .Build();
        _services = new ServiceCollection().AddMessageQueues(configuration).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task A_parked_message_is_listed_shown_and_replayed_to_its_queue_with_its_content_and_id_unchanged()
    {
        var queues = _services.GetRequiredService<IMessageQueueFactory>();
        var poison = queues.GetQueue("live-messages-poison");
        await poison.CreateIfNotExistsAsync();
        var parked = new PoisonMessage("The Live API refused it: ResourceNotExist", "ResourceNotExist", 1, DateTimeOffset.UtcNow, "live-messages", "m1", DateTimeOffset.UtcNow, Envelope);
        await poison.SendAsync(QueueMessageCodec.Encode(PoisonMessageSerializer.Serialize(parked), QueueMessageEncoding.Base64));
        var variable = $"LIVERELAY_CLI_TEST_STORAGE_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, _azurite.ConnectionString);
        try
        {
            await ListShowAndReplayAsync(["--connection", $"env:{variable}", "--queue", "live-messages-poison"], queues, poison);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task A_connection_from_an_unset_variable_is_a_usage_error_naming_the_option()
    {
        var run = await CliRun.RunAsync("poison", "list", "--connection", "env:LIVERELAY_CLI_TEST_NOT_SET", "--queue", "live-messages-poison");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--connection env:LIVERELAY_CLI_TEST_NOT_SET: the environment variable LIVERELAY_CLI_TEST_NOT_SET is not set", run.Error, StringComparison.Ordinal);
    }

    private static async Task ListShowAndReplayAsync(string[] target, IMessageQueueFactory queues, IMessageQueue poison)
    {
        var list = await CliRun.RunAsync(["poison", "list", .. target, "--code", "resourcenotexist"]);
        Assert.True(list.ExitCode == 0, list.ToString());
        var item = JsonDocument.Parse(list.Output).RootElement.GetProperty("messages").EnumerateArray().Single();
        Assert.Equal("cli7env", item.GetProperty("summary").GetProperty("messageId").GetString());
        var id = item.GetProperty("id").GetString()!;

        var show = await CliRun.RunAsync(["poison", "show", .. target, "--id", id]);
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Equal(Envelope, JsonDocument.Parse(show.Output).RootElement.GetProperty("content").GetString());

        var replay = await CliRun.RunAsync(["poison", "replay", .. target, "--id", id]);
        Assert.True(replay.ExitCode == 0, replay.ToString());
        Assert.Equal(1, JsonDocument.Parse(replay.Output).RootElement.GetProperty("replayed").GetInt32());
        var back = Assert.Single(await queues.GetQueue("live-messages").PeekAsync(32));
        Assert.Equal(Envelope, QueueMessageCodec.Decode(back.Text, QueueMessageEncoding.Base64));
        Assert.Empty(await poison.PeekAsync(32));

        var again = await CliRun.RunAsync(["poison", "replay", .. target, "--id", id]);
        Assert.True(again.ExitCode == 3, again.ToString());
        Assert.Contains("holds no message with id", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_queue_that_is_not_a_poison_queue_is_a_usage_error()
    {
        var run = await CliRun.RunAsync("poison", "list", "--connection", _azurite.ConnectionString, "--queue", "live-messages");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("not a poison queue", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteQueueServer.DevelopmentAccountKey, run.Error + run.Output, StringComparison.Ordinal);
    }
}
