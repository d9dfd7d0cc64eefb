using LiveRelay.AlibabaCloud.Credentials;
using LiveRelay.Delivery;
using LiveRelay.Delivery.Dispatch;
using LiveRelay.Delivery.Pacing;
using LiveRelay.Delivery.Sending;
using LiveRelay.Messages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
    public void The_instance_count_divides_every_operation_s_rate()
    {
        using var services = Build(new()
        {
            ["LiveRelay:Delivery:InstanceCount"] = "4",
            ["LiveRelay:Delivery:SendMessageToGroup"] = "100",
            ["LiveRelay:Delivery:SendLiveMessageUser"] = "50",
        });

        var pacing = services.GetRequiredService<DeliveryPacing>();

        Assert.Equal(25, pacing.For(MessageKind.Group).Rate.ConfiguredRate);
        Assert.Equal(12.5, pacing.For(MessageKind.User).Rate.ConfiguredRate);
    }

    [Theory]
    [InlineData("InstanceCount", "0")]
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
        services.AddSingleton<IAlibabaCloudCredentialProvider>(new StaticCredentialProvider(new AlibabaCloudCredential("id", "secret")));
        services.AddLiveRelayDelivery(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
