using System.Collections.Concurrent;
using LiveRelay.Queues;
using LiveRelay.Queues.AzureStorage;
using LiveRelay.Queues.InMemory;
using LiveRelay.Queues.Processing;
using LiveRelay.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LiveRelay.Tests.Queues;

/// <summary>The registrations the standalone host uses: settings, host.json, the factory choice, a processor as a hosted service.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class QueueHostingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_hosted_processor_reads_host_json_and_AzureWebJobsStorage_and_handles_messages_until_the_host_stops()
    {
        var queueName = TestQueues.UniqueName("h");
        var handled = new ConcurrentBag<IncomingQueueMessage>();
        var hostJson = TestHostJson.Write("""
            { "version": "2.0", "extensions": { "queues": { "batchSize": 2, "maxPollingInterval": "00:00:00.200", "messageEncoding": "base64" } } }
            """);
        try
        {
            var builder = NewBuilder(new() { ["AzureWebJobsStorage"] = azurite.Server.ConnectionString }, hostJson);
            builder.Services.AddMessageQueues(builder.Configuration);
            builder.Services.AddQueueProcessor(queueName, _ => new RecordingHandler(handled));
            using var host = builder.Build();

            var factory = host.Services.GetRequiredService<IMessageQueueFactory>();
            Assert.IsType<AzureStorageMessageQueueFactory>(factory);
            Assert.Equal(2, host.Services.GetRequiredService<IOptions<HostJsonQueueOptions>>().Value.BatchSize);

            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await host.StartAsync(deadline.Token);
            var queue = factory.GetQueue(queueName);
            await TestQueues.WaitUntilAsync(async () => (await TryCountAsync(queue)) == 0, TimeSpan.FromSeconds(20), "the processor to create its queue");
            await queue.SendAsync(QueueMessageCodec.Encode("through the host", QueueMessageEncoding.Base64));
            await TestQueues.WaitUntilAsync(() => !handled.IsEmpty, TimeSpan.FromSeconds(20), "the hosted processor to handle the message");
            await host.StopAsync(deadline.Token);

            Assert.Equal("through the host", Assert.Single(handled).Body);
            var service = Assert.Single(host.Services.GetServices<IHostedService>().OfType<QueueProcessorService>());
            Assert.Equal(queueName, service.Processor.QueueName);
            Assert.Equal(1, service.Processor.PeakInFlightCount);
        }
        finally
        {
            File.Delete(hostJson);
        }
    }

    [Fact]
    public void Without_AzureWebJobsStorage_queues_are_kept_in_memory()
    {
        var builder = NewBuilder([], hostJson: null);
        builder.Services.AddMessageQueues(builder.Configuration);
        using var host = builder.Build();

        Assert.IsType<InMemoryMessageQueueFactory>(host.Services.GetRequiredService<IMessageQueueFactory>());
    }

    [Fact]
    public async Task Bad_queue_settings_stop_the_host_at_start_with_every_broken_rule()
    {
        var builder = NewBuilder(new()
        {
            ["AzureFunctionsJobHost:extensions:queues:batchSize"] = "33",
            ["LiveRelay:Queues:MessageLease"] = "00:00:01",
        }, hostJson: null);
        builder.Services.AddMessageQueues(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<AggregateException>(() => host.StartAsync());
        var failures = error.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures).ToList();
        Assert.Contains("host.json extensions.queues.batchSize must be between 1 and 32 (was 33).", failures);
        Assert.Contains("LiveRelay:Queues:MessageLease must be between 00:00:02 and 7.00:00:00 (was 00:00:01).", failures);
    }

    private static HostApplicationBuilder NewBuilder(Dictionary<string, string?> settings, string? hostJson)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        if (hostJson is not null)
        {
            builder.Configuration.AddHostJson(hostJson);
        }

        return builder;
    }

    private static async Task<int> TryCountAsync(IMessageQueue queue)
    {
        try
        {
            return await queue.GetApproximateCountAsync();
        }
        catch (MessageQueueException ex) when (ex.ErrorCode == QueueErrorCodes.QueueNotFound)
        {
            return -1;
        }
    }

    private sealed class RecordingHandler(ConcurrentBag<IncomingQueueMessage> handled) : IQueueMessageHandler
    {
        public Task<QueueMessageDisposition> HandleAsync(IncomingQueueMessage message, CancellationToken cancellationToken)
        {
            handled.Add(message);
            return Task.FromResult(QueueMessageDisposition.Completed);
        }
    }
}
