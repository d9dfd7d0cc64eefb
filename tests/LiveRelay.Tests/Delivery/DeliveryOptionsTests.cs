using LiveRelay.AlibabaCloud.Credentials;
using LiveRelay.Delivery;
using LiveRelay.Delivery.Dispatch;
using LiveRelay.Delivery.Pacing;
using LiveRelay.Delivery.Pacing.Fleet;
using LiveRelay.Delivery.Sending;
using LiveRelay.Messages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LiveRelay.Tests.Delivery;

public sealed class DeliveryOptionsTests
{
    [Fact]
    public void Defaults_are_the_documented_account_limits_for_one_instance()
    {
        using var services = Build([]);

        var pacing = services.GetRequiredService<DeliveryPacing>();

        Assert.Equal(100, pacing.SendMessageToGroup.Rate.ConfiguredRate);
        Assert.Equal(50, pacing.SendLiveMessageUser.Rate.ConfiguredRate);
        Assert.Equal(TimeSpan.FromSeconds(30), services.GetRequiredService<IOptions<DeliveryOptions>>().Value.MaxRetryDuration);
        Assert.IsType<LiveMessageSender>(services.GetRequiredService<ILiveMessageSender>());
        Assert.NotNull(services.GetRequiredService<MessageDispatcher>());
        Assert.NotNull(services.GetRequiredService<DirectDelivery>());
    }

    [Fact]
    public void A_process_with_no_storage_account_is_the_only_sender_and_paces_at_the_whole_limit()
    {
        using var services = Build([]);

        Assert.Null(services.GetService<FleetPacingCoordinator>());
        Assert.Empty(services.GetServices<IHostedService>());
        var pacing = services.GetRequiredService<DeliveryPacing>();
        Assert.Equal((100, 50), (pacing.SendMessageToGroup.Share, pacing.SendLiveMessageUser.Share));
    }

    [Theory]
    [InlineData("UseDevelopmentStorage=true", null)]
    [InlineData(null, "Table")]
    public void With_a_storage_account_the_process_shares_the_limits_through_the_table_and_starts_with_no_share(string? connection, string? coordinator)
    {
        using var services = Build(new()
        {
            ["AzureWebJobsStorage"] = connection,
            ["AzureWebJobsStorage:tableServiceUri"] = connection is null ? "https://account.table.core.windows.net" : null,
            ["AzureWebJobsStorage:credential"] = connection is null ? "managedidentity" : null,
            ["LiveRelay:Delivery:Fleet:Coordinator"] = coordinator,
            ["LiveRelay:Delivery:Fleet:TableName"] = "pacingshares",
        });

        var coordinatorService = Assert.Single(services.GetServices<IHostedService>());
        Assert.Same(services.GetRequiredService<FleetPacingCoordinator>(), coordinatorService);
        var store = Assert.IsType<TableFleetShareStore>(services.GetRequiredService<IFleetShareStore>());
        Assert.StartsWith("table 'pacingshares'", store.Description, StringComparison.Ordinal);
        var pacing = services.GetRequiredService<DeliveryPacing>();
        Assert.Equal((0, 0), (pacing.SendMessageToGroup.Share, pacing.SendLiveMessageUser.Share));
        Assert.Equal((100, 50), (pacing.SendMessageToGroup.Limit, pacing.SendLiveMessageUser.Limit));
    }

    [Fact]
    public async Task A_table_service_that_refuses_connections_puts_the_process_on_the_fallback_share_at_its_first_renewal()
    {
        var closed = $"http://127.0.0.1:{LiveRelay.Testing.LoopbackPort.GetFree()}/devstoreaccount1";
        using var services = Build(new()
        {
            ["AzureWebJobsStorage"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
                + "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
                + $"QueueEndpoint={closed};TableEndpoint={closed}",
        });
        var pacing = services.GetRequiredService<DeliveryPacing>();
        pacing.SendMessageToGroup.BeginSend();

        await services.GetRequiredService<FleetPacingCoordinator>().RenewAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(100.0 / 40, pacing.SendMessageToGroup.Share);
    }

    [Fact]
    public void InProcess_keeps_a_process_with_a_storage_account_out_of_the_fleet()
    {
        using var services = Build(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true", ["LiveRelay:Delivery:Fleet:Coordinator"] = "InProcess" });

        Assert.Empty(services.GetServices<IHostedService>());
        Assert.Equal(100, services.GetRequiredService<DeliveryPacing>().SendMessageToGroup.Share);
    }

    [Theory]
    [InlineData("TableName", "2fast", "TableName must be 3 to 63 letters and digits")]
    [InlineData("TableName", "pacing-shares", "TableName must be 3 to 63 letters and digits")]
    [InlineData("RenewInterval", "00:00:00.010", "RenewInterval must be between")]
    [InlineData("LeaseDuration", "00:00:02", "LeaseDuration must be at least 4 × RenewInterval")]
    [InlineData("FallbackSenderCount", "0", "FallbackSenderCount must be between 1 and 10000")]
    [InlineData("MaxPacingWait", "00:00:00", "MaxPacingWait must be between")]
    [InlineData("IdleRelease", "-00:00:01", "IdleRelease must be between")]
    public void Bad_fleet_settings_fail_at_start_up_naming_the_setting(string name, string value, string expected)
    {
        using var services = Build(new() { [$"LiveRelay:Delivery:Fleet:{name}"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains($"LiveRelay:Delivery:Fleet:{expected}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SendMessageToGroup", "0")]
    [InlineData("SendLiveMessageUser", "-5")]
    [InlineData("MaxAttempts", "0")]
    [InlineData("MaxRetryDuration", "00:00:00")]
    [InlineData("RetryBaseDelay", "-00:00:01")]
    [InlineData("RetryMaxDelay", "00:00:00.001")]
    [InlineData("ThrottleDecreaseFactor", "1")]
    [InlineData("RateRecoveryPerSecond", "0")]
    [InlineData("MinimumRateFraction", "1.5")]
    [InlineData("DirectConcurrency", "0")]
    public void Bad_settings_fail_at_start_up_naming_the_setting(string name, string value)
    {
        using var services = Build(new() { [$"LiveRelay:Delivery:{name}"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains($"LiveRelay:Delivery:{name} must", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings["LiveRelay:AlibabaCloud:Endpoint"] = "http://127.0.0.1:9/";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IAlibabaCloudCredentialProvider>(new StaticCredentialProvider(new AlibabaCloudCredential("id", "secret")));
        services.AddLiveRelayDelivery(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
