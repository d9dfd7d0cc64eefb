using LiveRelay.Hosting;
using LiveRelay.Queues;
using LiveRelay.Queues.InMemory;
using LiveRelay.Queues.Processing;
using LiveRelay.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LiveRelay.Tests.Hosting;

/// <summary>
/// The Functions app's Program.cs, less the worker: the repository's host.json, AddLiveRelay and
/// AddLiveRelayFunctionsHosting on a generic host (the worker's builder is one). The app itself cannot be built here.
/// </summary>
public sealed class FunctionsHostingTests
{
    [Fact]
    public async Task The_Functions_wiring_starts_reads_host_json_and_runs_no_queue_processors_of_its_own()
    {
        using var host = Build(new Dictionary<string, string?>());
        await host.StartAsync();
        try
        {
            var services = host.Services;
            Assert.NotNull(services.GetRequiredService<RelayService>());
            Assert.Same(services.GetRequiredService<QueueMessageOutbox>(), services.GetRequiredService<IMessageOutbox>());
            Assert.NotNull(services.GetRequiredService<RequestBodyReader>());
            var settlement = services.GetRequiredService<QueueTriggerSettlement>();
            Assert.Equal(5, settlement.Read(QueueNames.LiveMessages, "x", null).MaxDequeueCount);

            var queueOptions = services.GetRequiredService<IOptions<HostJsonQueueOptions>>().Value;
            Assert.Equal((5, TimeSpan.FromSeconds(5), QueueMessageEncoding.Base64), (queueOptions.MaxDequeueCount, queueOptions.VisibilityTimeout, queueOptions.MessageEncoding));
            Assert.IsType<InMemoryMessageQueueFactory>(services.GetRequiredService<IMessageQueueFactory>());
            Assert.DoesNotContain(services.GetServices<IHostedService>(), s => s is QueueProcessorService);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public void App_settings_override_host_json_as_they_do_for_the_runtime()
    {
        using var host = Build(new Dictionary<string, string?> { ["AzureFunctionsJobHost:extensions:queues:maxDequeueCount"] = "3" });

        var message = host.Services.GetRequiredService<QueueTriggerSettlement>().Read(QueueNames.LiveEvents, "x", new Dictionary<string, object?> { ["DequeueCount"] = "3" });

        Assert.Equal(3, message.MaxDequeueCount);
        Assert.True(message.IsLastAttempt);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LiveRelay:AlibabaCloud:Endpoint"] = "http://127.0.0.1:9/",
            ["LiveRelay:AlibabaCloud:AccessKeyId"] = "id",
            ["LiveRelay:AlibabaCloud:AccessKeySecret"] = "secret",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddHostJson(RepoPaths.InRepo("host.json"));
        builder.Services.AddLiveRelay(builder.Configuration);
        builder.Services.AddLiveRelayFunctionsHosting(builder.Configuration);
        return builder.Build();
    }
}
