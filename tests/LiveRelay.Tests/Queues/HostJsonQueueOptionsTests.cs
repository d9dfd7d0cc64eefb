using System.Text.Json;
using LiveRelay.Queues.Processing;
using LiveRelay.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace LiveRelay.Tests.Queues;

public sealed class HostJsonQueueOptionsTests
{
    [Fact]
    public void The_repository_host_json_holds_the_chosen_limits()
    {
        var options = HostJsonQueueOptionsLoader.Load(RepoPaths.InRepo("host.json"));

        Assert.Equal(32, options.BatchSize);
        Assert.Equal(64, options.EffectiveNewBatchThreshold);
        Assert.Equal(96, options.MaxMessagesInFlight);
        Assert.Equal(5, options.MaxDequeueCount);
        Assert.Equal(TimeSpan.FromSeconds(5), options.VisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), options.MaxPollingInterval);
        Assert.Equal(QueueMessageEncoding.Base64, options.MessageEncoding);

        using var document = JsonDocument.Parse(File.ReadAllText(RepoPaths.InRepo("host.json")));
        var root = document.RootElement;
        Assert.Equal("2.0", root.GetProperty("version").GetString());
        var http = root.GetProperty("extensions").GetProperty("http");
        Assert.Equal("api", http.GetProperty("routePrefix").GetString());
        Assert.True(http.GetProperty("maxOutstandingRequests").GetInt32() >= http.GetProperty("maxConcurrentRequests").GetInt32());
    }

    [Fact]
    public void Unset_values_take_the_Functions_runtime_defaults()
    {
        var options = Load("""{ "version": "2.0" }""");

        Assert.Equal(16, options.BatchSize);
        Assert.Null(options.NewBatchThreshold);
        Assert.Equal(8, options.EffectiveNewBatchThreshold);
        Assert.Equal(5, options.MaxDequeueCount);
        Assert.Equal(TimeSpan.Zero, options.VisibilityTimeout);
        Assert.Equal(TimeSpan.FromMinutes(1), options.MaxPollingInterval);
        Assert.Equal(QueueMessageEncoding.Base64, options.MessageEncoding);
    }

    [Fact]
    public void The_default_newBatchThreshold_follows_batchSize_and_names_are_case_insensitive()
    {
        var options = Load("""
            {
              // Comments and trailing commas are accepted, as the Functions host accepts them.
              "version": "2.0",
              "Extensions": { "Queues": { "BatchSize": 10, "MessageEncoding": "None", }, },
            }
            """);

        Assert.Equal(10, options.BatchSize);
        Assert.Equal(5, options.EffectiveNewBatchThreshold);
        Assert.Equal(QueueMessageEncoding.None, options.MessageEncoding);
    }

    [Fact]
    public void App_settings_override_host_json_whatever_order_the_sources_are_added_in()
    {
        var path = TestHostJson.Write("""{ "version": "2.0", "extensions": { "queues": { "batchSize": 8, "maxDequeueCount": 3 } } }""");
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureFunctionsJobHost:extensions:queues:batchSize"] = "2" })
                .AddHostJson(path)
                .Build();

            var options = HostJsonQueueOptionsLoader.Bind(configuration);

            Assert.Equal(2, options.BatchSize);
            Assert.Equal(1, options.EffectiveNewBatchThreshold);
            Assert.Equal(3, options.MaxDequeueCount);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Values_outside_the_runtime_limits_are_refused_naming_each_field()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Load("""
            {
              "version": "2.0",
              "extensions": { "queues": {
                "batchSize": 64, "newBatchThreshold": -1, "maxDequeueCount": 0,
                "visibilityTimeout": "8.00:00:00", "maxPollingInterval": "00:00:00.050"
              } }
            }
            """));

        Assert.Equal(5, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.Contains("extensions.queues.batchSize must be between 1 and 32 (was 64)", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("extensions.queues.newBatchThreshold", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("extensions.queues.maxDequeueCount", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("extensions.queues.visibilityTimeout", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("extensions.queues.maxPollingInterval", StringComparison.Ordinal));
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_refused_naming_the_setting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Load("""{ "extensions": { "queues": { "messageEncoding": "utf8" } } }"""));
        Assert.Contains("messageEncoding", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_broken_or_missing_file_gets_a_clear_error()
    {
        var broken = Assert.Throws<InvalidDataException>(() => Load("""{ "extensions": { "queues": """));
        Assert.Contains("host.json", broken.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", broken.Message, StringComparison.Ordinal);

        var missing = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}", "host.json");
        Assert.Throws<FileNotFoundException>(() => HostJsonQueueOptionsLoader.Load(missing));
        var optional = new ConfigurationBuilder().AddHostJson(missing, optional: true).Build();
        Assert.Equal(16, HostJsonQueueOptionsLoader.Bind(optional).BatchSize);
    }

    private static HostJsonQueueOptions Load(string json)
    {
        var path = TestHostJson.Write(json);
        try
        {
            return HostJsonQueueOptionsLoader.Load(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
