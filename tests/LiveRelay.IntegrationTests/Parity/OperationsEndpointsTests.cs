using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveRelay.IntegrationTests.Infrastructure;
using LiveRelay.IntegrationTests.Pipeline;
using Xunit.Abstractions;

namespace LiveRelay.IntegrationTests.Parity;

/// <summary>
/// The operations page and its status on both hosts under <c>/api/manage</c> (the Functions host keeps <c>admin/…</c> for
/// itself). The status takes the admin key; the page, which holds no data, does not.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class OperationsEndpointsTests(IntegrationEnvironment environment, ITestOutputHelper output)
{
    private const string Prefix = "/api/manage";
    private const string AdminKey = "AdminKeyOpsParity3Vn8";

    [Theory]
    [BothHosts]
    public async Task The_page_is_served_under_a_strict_policy_and_the_status_shows_a_delivery_made_by_that_host(HostKind kind)
    {
        var emulator = environment.Emulator;
        emulator.Reset();
        var account = environment.NewStorageAccount();
        await using var host = await ParityHost.StartAsync(kind, WithAdminKey(RelaySettings.For(account, emulator)), output);
        using var anonymous = host.NewClient();

        using var page = await anonymous.GetAsync(new Uri(Prefix + "/ops", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(",", page.Headers.GetValues("Content-Security-Policy"));
        Assert.StartsWith("default-src 'none'; script-src 'sha256-", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("<title>LiveRelay operations</title>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var id = await PostOrderAsync(host, "order-status", "statususer1");
        await emulator.WaitForMsgTidsAsync([id], TimeSpan.FromSeconds(30));

        JsonElement status = default;
        await Eventually.WaitUntilAsync(
            async () =>
            {
                status = await ReadStatusAsync(host.Client);
                return status.GetProperty("totals").GetProperty("delivered").GetInt64() == 1;
            },
            TimeSpan.FromSeconds(30),
            () => $"the status never showed the delivery: {status}");
        var delivery = status.GetProperty("recentDeliveries")[0];
        Assert.Equal(id, delivery.GetProperty("messageId").GetString());
        Assert.Equal("statususer1", delivery.GetProperty("target").GetString());
        var user = status.GetProperty("operations").EnumerateArray().Single(static o => o.GetProperty("name").GetString() == "SendLiveMessageUser");
        Assert.Equal(5000, user.GetProperty("limit").GetDouble());
        Assert.Equal(1, user.GetProperty("totalCalls").GetInt64());
        var backlogs = status.GetProperty("queues").EnumerateArray().ToDictionary(static q => q.GetProperty("name").GetString()!, static q => q.GetProperty("approximateCount").GetInt32());
        Assert.Equal(["live-events", "live-events-poison", "live-messages", "live-messages-poison"], backlogs.Keys.Order());
        Assert.Equal(0, backlogs["live-messages-poison"]);
    }

    [Theory]
    [BothHosts]
    public async Task The_status_needs_the_admin_key_while_the_page_does_not(HostKind kind)
    {
        await using var host = await ParityHost.StartAsync(kind, WithAdminKey(RelaySettings.For(null, environment.Emulator)), output);
        using var anonymous = host.NewClient();

        using var page = await anonymous.GetAsync(new Uri(Prefix + "/ops", UriKind.Relative));
        using var missing = await anonymous.GetAsync(new Uri(Prefix + "/status", UriKind.Relative));
        using var wrong = new HttpRequestMessage(HttpMethod.Get, new Uri(Prefix + "/status", UriKind.Relative));
        wrong.Headers.Add("X-LiveRelay-Admin-Key", AdminKey + "x");
        using var refused = await anonymous.SendAsync(wrong);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        foreach (var answer in new[] { missing, refused })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain(AdminKey, await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(4, (await ReadStatusAsync(anonymous)).GetProperty("queues").GetArrayLength());
    }

    private static Dictionary<string, string?> WithAdminKey(Dictionary<string, string?> settings)
    {
        settings["LiveRelay:Admin:Keys:0"] = AdminKey;
        return settings;
    }

    private static async Task<JsonElement> ReadStatusAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Prefix + "/status", UriKind.Relative));
        request.Headers.Add("X-LiveRelay-Admin-Key", AdminKey);
        using var answer = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("application/json", answer.Content.Headers.ContentType?.MediaType);
        Assert.True(answer.Headers.CacheControl?.NoStore, $"Cache-Control: {answer.Headers.CacheControl}");
        return await answer.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<string> PostOrderAsync(ParityHost host, string eventId, string recipient)
    {
        using var request = TestSources.SignedOrderWebhook(TestSources.OrderEvent(eventId, [recipient]));
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return Assert.Single(WebhookDeliveryTests.MessageIds(await response.Content.ReadFromJsonAsync<JsonElement>()));
    }
}
