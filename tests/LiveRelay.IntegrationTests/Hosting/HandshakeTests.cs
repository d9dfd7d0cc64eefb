using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace LiveRelay.IntegrationTests.Hosting;

/// <summary>The validation handshakes Event Grid makes before it delivers, answered by both hosts, and the events that follow.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class HandshakeTests(IntegrationEnvironment environment, ITestOutputHelper output)
{
    private readonly EmulatorServer _emulator = environment.Emulator;

    [Theory]
    [BothHosts]
    public async Task An_OPTIONS_validation_request_is_answered_with_the_allowed_origin(HostKind kind)
    {
        await using var host = await ParityHost.StartAsync(kind, RelaySettings.For(null, _emulator), output);
        using var request = new HttpRequestMessage(HttpMethod.Options, new Uri($"/api/webhooks/{TestSources.Grid}", UriKind.Relative));
        request.Headers.Add("WebHook-Request-Origin", "eventgrid.azure.net");

        using var answer = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("eventgrid.azure.net", Assert.Single(answer.Headers.GetValues("WebHook-Allowed-Origin")));
        Assert.Equal("*", Assert.Single(answer.Headers.GetValues("WebHook-Allowed-Rate")));
    }

    [Theory]
    [BothHosts]
    public async Task The_subscription_validation_event_is_answered_and_later_events_are_delivered(HostKind kind)
    {
        _emulator.Reset();
        var account = environment.NewStorageAccount();
        await using var host = await ParityHost.StartAsync(kind, RelaySettings.For(account, _emulator), output);
        var validation = JsonSerializer.Serialize(new[]
        {
            new
            {
                id = "v1", topic = "/subscriptions/x", subject = "validation", eventType = "Microsoft.EventGrid.SubscriptionValidationEvent",
                eventTime = "2026-01-01T00:00:00Z", dataVersion = "1", data = new { validationCode = "512d38b6-c7b8-40c8-89fe-f46f9e9622b6" },
            },
        });
        var events = JsonSerializer.Serialize(new[]
        {
            new { id = "e1", topic = "/t", subject = "gridroom1", eventType = "Shop.OrderShipped", eventTime = "2026-01-01T00:00:00Z", dataVersion = "1", data = new { n = 1 } },
            new { id = "e2", topic = "/t", subject = "gridroom2", eventType = "Shop.OrderShipped", eventTime = "2026-01-01T00:00:01Z", dataVersion = "1", data = new { n = 2 } },
        });

        using var validated = await host.Client.PostAsync(
            new Uri($"/api/webhooks/{TestSources.Grid}", UriKind.Relative), new StringContent(validation, Encoding.UTF8, "application/json"));
        using var accepted = await host.Client.PostAsync(
            new Uri($"/api/webhooks/{TestSources.Grid}", UriKind.Relative), new StringContent(events, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, validated.StatusCode);
        Assert.Equal(
            "512d38b6-c7b8-40c8-89fe-f46f9e9622b6",
            (await validated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("validationResponse").GetString());
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await Eventually.WaitUntilAsync(
            () => _emulator.Recorded(LiveApiActions.SendMessageToGroup).Count == 2, TimeSpan.FromSeconds(30), () => EmulatorServer.Describe(_emulator.Statistics.Snapshot()));
        Assert.Equal(["gridroom1", "gridroom2"], _emulator.Recorded(LiveApiActions.SendMessageToGroup).Select(static m => m.Parameters["GroupId"]).Order());
    }
}
