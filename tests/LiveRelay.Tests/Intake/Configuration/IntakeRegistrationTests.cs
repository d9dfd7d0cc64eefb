using LiveRelay.Intake;
using LiveRelay.Intake.Configuration;
using LiveRelay.Intake.Results;
using LiveRelay.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LiveRelay.Tests.Intake.Configuration;

/// <summary>The hosts' registration: options bound and validated at start-up, the service resolvable.</summary>
public sealed class IntakeRegistrationTests
{
    private static IHost Build(string json)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddConfiguration(IntakeTestHost.FromJson(json));
        builder.Services.AddLogging();
        builder.Services.AddSingleton<ISecretProvider>(new InMemorySecretProvider(("gh", "secret")));
        builder.Services.AddLiveRelayIntake(builder.Configuration);
        return builder.Build();
    }

    [Fact]
    public async Task Resolves_a_working_service_from_configuration()
    {
        using var host = Build("""
            { "LiveRelay": {
                "Intake": { "MaxBodyBytes": 2048, "ApiDelivery": "direct" },
                "Sources": { "gh": { "Verification": { "Scheme": "github", "SecretNames": [ "gh" ] }, "EventId": { "From": "body-hash" },
                                     "Rules": [ { "Kind": "group", "Parameters": { "AppId": "a", "GroupId": "g", "OperatorUserId": "o", "Data": "{$}" } } ] } } } }
            """);
        await host.StartAsync();

        var service = host.Services.GetRequiredService<IntakeService>();
        var result = await service.AcceptWebhookAsync("gh", IntakeTestHost.ToHeaders(TestSignatures.GitHub("secret", "{}")), "application/json", "{}"u8.ToArray());

        Assert.IsType<IntakeAccepted>(result);
        Assert.Equal(["gh"], service.SourceNames);
        Assert.Equal(2048, host.Services.GetRequiredService<IOptions<IntakeOptions>>().Value.MaxBodyBytes);
        var api = await service.AcceptMessagesAsync(null, "application/json", """{"kind":"user","request":{"appId":"a","receiverId":"u","senderId":"s"}}"""u8.ToArray());
        Assert.Equal(DeliveryMode.Direct, Assert.IsType<IntakeAccepted>(api).Delivery);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_bad_source_stops_the_host_at_start_up_naming_the_key()
    {
        using var host = Build("""
            { "LiveRelay": { "Sources": { "shop": { "Rules": [ { "Kind": "user", "Parameters": { "AppId": "a", "ReceiverId": "r", "SenderId": "s" } } ] } } } }
            """);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("LiveRelay:Sources:shop:Verification:Scheme: is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_limits_stop_the_host_at_start_up()
    {
        using var host = Build("""{ "LiveRelay": { "Intake": { "MaxBodyBytes": 0, "MaxMessagesPerEvent": 1000000, "ApiDelivery": "direkt" } } }""");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("LiveRelay:Intake:MaxBodyBytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("LiveRelay:Intake:MaxMessagesPerEvent", error.Message, StringComparison.Ordinal);
        Assert.Contains("LiveRelay:Intake:ApiDelivery must be one of queued, direct", error.Message, StringComparison.Ordinal);
    }
}
