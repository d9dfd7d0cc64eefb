using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveRelay.Browser.Tests.Infrastructure;
using LiveRelay.IntegrationTests.Infrastructure;
using LiveRelay.IntegrationTests.Pipeline;
using LiveRelay.Queues;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace LiveRelay.Browser.Tests;

/// <summary>
/// The operations page in chromium against the standalone host, Azurite and the emulator: a known run (three messages
/// delivered, one refused for good and parked), then what the page shows of it. Screenshots go to
/// <see cref="BrowserEnvironment.ScreenshotDirectory"/>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OperationsPageTests(BrowserEnvironment environment, ITestOutputHelper output)
{
    private const string AdminKey = "AdminKeyBrowserTest7Qx4";
    private const float WaitMilliseconds = 30_000;

    // Limits of our own, so the page can only show them if it reads them from the configuration.
    private const string UserLimit = "40";
    private const string GroupLimit = "80";

    [Fact]
    public async Task After_a_known_run_the_page_shows_the_deliveries_the_parked_failure_the_backlogs_and_calls_against_the_limit()
    {
        var emulator = environment.Integration.Emulator;
        emulator.Reset();
        var account = environment.Integration.NewStorageAccount();
        await using var queues = StorageQueues.Open(account);
        var settings = RelaySettings.For(account, emulator);
        settings["LiveRelay:Delivery:SendLiveMessageUser"] = UserLimit;
        settings["LiveRelay:Delivery:SendMessageToGroup"] = GroupLimit;
        settings["LiveRelay:Admin:Keys:browser"] = AdminKey;
        await using var host = await RelayHost.StartAsync(settings);

        // The page is open before the run, as an operator's would be: what it shows arrives by polling.
        await using var browser = await OpenPageAsync(host);
        var page = browser.Page;
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Admin key" }).FillAsync(AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use key" }).ClickAsync();
        await Expect(page.Locator("#connection")).ToHaveTextAsync("Live", new() { Timeout = WaitMilliseconds });

        var delivered = await PostOrderAsync(host, "order-page-ok", TestSources.Recipients("pageuser", 3), EmulatorServer.AppId);
        var refused = Assert.Single(await PostOrderAsync(host, "order-page-refused", ["pageuser9"], "nosuchapp"));
        await emulator.WaitForMsgTidsAsync(delivered, TimeSpan.FromSeconds(30));
        await WaitForParkedAsync(queues, 1);

        var totals = page.Locator("#totals");
        await Expect(totals.Locator("[data-figure=delivered]")).ToHaveTextAsync("3", new() { Timeout = WaitMilliseconds });
        await Expect(totals.Locator("[data-figure=rejected]")).ToHaveTextAsync("1", new() { Timeout = WaitMilliseconds });
        await Expect(totals.Locator("[data-figure=calls]")).ToHaveTextAsync("4", new() { Timeout = WaitMilliseconds });
        foreach (var id in delivered)
        {
            var row = page.Locator("#deliveries tbody tr", new() { HasText = id });
            await Expect(row).ToHaveCountAsync(1, new() { Timeout = WaitMilliseconds });
            await Expect(row).ToContainTextAsync("SendLiveMessageUser");
        }

        await Expect(page.Locator("#deliveries tbody tr", new() { HasText = refused })).ToHaveCountAsync(0);
        var failure = page.Locator("#failures tbody tr", new() { HasText = refused });
        await Expect(failure).ToHaveCountAsync(1, new() { Timeout = WaitMilliseconds });
        await Expect(failure.Locator("td.code").First).ToHaveTextAsync("ResourceNotExist");
        await Expect(failure).ToContainTextAsync("rejected (parked)");
        await Expect(failure.Locator("td.reason")).Not.ToBeEmptyAsync();
        await Expect(failure).ToContainTextAsync("pageuser9");

        var poisonBacklog = page.Locator("#queues tbody tr", new() { HasText = "live-messages-poison" });
        await Expect(poisonBacklog.Locator("td.num")).ToHaveTextAsync("1", new() { Timeout = WaitMilliseconds });
        await Expect(page.Locator("#queues tbody tr", new() { HasText = "live-events-poison" }).Locator("td.num")).ToHaveTextAsync("0");

        var user = page.Locator("[data-operation=SendLiveMessageUser]");
        await Expect(user.Locator("[data-figure=total-calls]")).ToHaveTextAsync("4");
        await Expect(user.Locator("[data-figure=limit]")).ToHaveTextAsync($"{UserLimit} /s");
        await Expect(user.Locator("svg.chart .limit-line")).ToHaveAttributeAsync("data-limit", UserLimit);
        await Expect(user.Locator("svg.chart .share-line")).ToHaveAttributeAsync("data-share", UserLimit);
        await Expect(user.Locator("[data-figure=last-minute]")).ToHaveTextAsync("4", new() { Timeout = WaitMilliseconds });
        var bars = await user.Locator("svg.chart .calls rect").EvaluateAllAsync<int[]>("bars => bars.map(b => Number(b.getAttribute('data-calls')))");
        Assert.Equal(4, bars.Sum());
        var group = page.Locator("[data-operation=SendMessageToGroup]");
        await Expect(group.Locator("[data-figure=total-calls]")).ToHaveTextAsync("0");
        await Expect(group.Locator("svg.chart .limit-line")).ToHaveAttributeAsync("data-limit", GroupLimit);
        await Expect(group.Locator("svg.chart .calls rect")).ToHaveCountAsync(0);

        await Expect(page.Locator("#needs-script")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync("operations-after-run");

        if (await PoisonApiAvailableAsync(host))
        {
            await ReplayParkedMessageAsync(page, emulator, queues, browser, refused);
        }
        else
        {
            await Expect(page.Locator("#poison-message")).ToHaveTextAsync("Poison API not available on this host.", new() { Timeout = WaitMilliseconds });
        }

        browser.AssertNothingBlockedAndKeyOnlyInHeaders(AdminKey);
    }

    [Fact]
    public async Task A_wrong_admin_key_is_refused_and_shows_no_data()
    {
        var emulator = environment.Integration.Emulator;
        emulator.Reset();
        var settings = RelaySettings.For(null, emulator);
        settings["LiveRelay:Admin:Keys:browser"] = AdminKey;
        await using var host = await RelayHost.StartAsync(settings);
        await using var browser = await OpenPageAsync(host);
        var page = browser.Page;

        await Expect(page.Locator("#connection")).ToHaveTextAsync("Admin key needed", new() { Timeout = WaitMilliseconds });
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Admin key" }).FillAsync("not-the-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use key" }).ClickAsync();

        await Expect(page.Locator("#connection")).ToHaveTextAsync("Admin key refused", new() { Timeout = WaitMilliseconds });
        await Expect(page.Locator("#key-message")).ToContainTextAsync("was refused (HTTP 401)");
        await Expect(page.Locator("#operations [data-operation]")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync("operations-wrong-key");
    }

    [Fact]
    public async Task Without_JavaScript_the_page_says_what_it_needs_and_where_the_data_is()
    {
        var emulator = environment.Integration.Emulator;
        emulator.Reset();
        await using var host = await RelayHost.StartAsync(RelaySettings.For(null, emulator));

        await using var browser = await OpenPageAsync(host, javaScriptEnabled: false);

        await Expect(browser.Page.GetByText("This page needs JavaScript to show live status")).ToBeVisibleAsync(new() { Timeout = WaitMilliseconds });
        await Expect(browser.Page.Locator("#connection")).ToHaveTextAsync("Not connected");
        await browser.ScreenshotAsync("operations-without-javascript");
    }

    private async Task ReplayParkedMessageAsync(IPage page, EmulatorServer emulator, StorageQueues queues, PageSession browser, string refused)
    {
        var parked = page.Locator("#poison tbody tr", new() { HasText = "ResourceNotExist" });
        await Expect(parked).ToHaveCountAsync(1, new() { Timeout = WaitMilliseconds });
        await Expect(parked).ToContainTextAsync($"messageId {refused}");
        var replay = parked.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Replay ") });
        var parkedId = await replay.GetAttributeAsync("data-message-id");
        Assert.False(string.IsNullOrEmpty(parkedId));
        await browser.ScreenshotAsync("operations-poison-before-replay");
        var refusedBefore = emulator.Statistics.Snapshot().Rejected.GetValueOrDefault("ResourceNotExist");

        await replay.ClickAsync();

        // The replayed message is sent again: the app still does not exist, so it is refused and parked anew, as a new
        // queue message. The one replayed leaves the list.
        await Expect(page.Locator($"#poison button[data-message-id='{parkedId}']")).ToHaveCountAsync(0, new() { Timeout = WaitMilliseconds });
        await Expect(page.Locator("#replay-message")).ToContainTextAsync($"Replayed {parkedId}");
        await Expect(page.Locator("#poison-message")).ToBeEmptyAsync();
        await WaitUntilAsync(() => emulator.Statistics.Snapshot().Rejected.GetValueOrDefault("ResourceNotExist") > refusedBefore, "the replayed message was not sent again");
        await WaitForParkedAsync(queues, 1);
        await Expect(page.Locator("#totals [data-figure=rejected]")).ToHaveTextAsync("2", new() { Timeout = WaitMilliseconds });
        var parkedAgain = page.Locator("#poison tbody tr", new() { HasText = "ResourceNotExist" }).GetByRole(AriaRole.Button);
        await Expect(parkedAgain).ToHaveCountAsync(1, new() { Timeout = WaitMilliseconds });
        Assert.NotEqual(parkedId, await parkedAgain.GetAttributeAsync("data-message-id"));
        await browser.ScreenshotAsync("operations-poison-after-replay");
    }

    private async Task<PageSession> OpenPageAsync(RelayHost host, bool javaScriptEnabled = true)
    {
        var session = await PageSession.StartAsync(environment.Playwright, output, javaScriptEnabled);
        await session.Page.GotoAsync(new Uri(host.BaseAddress, "api/manage/ops").ToString(), new() { Timeout = WaitMilliseconds });
        return session;
    }

    private static async Task<bool> PoisonApiAvailableAsync(RelayHost host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/manage/poison/live-messages-poison", UriKind.Relative));
        request.Headers.Add("X-LiveRelay-Admin-Key", AdminKey);
        using var answer = await host.Client.SendAsync(request);
        return answer.StatusCode != HttpStatusCode.NotFound;
    }

    private static async Task<IReadOnlyList<string>> PostOrderAsync(RelayHost host, string eventId, IReadOnlyList<string> recipients, string appId)
    {
        using var request = TestSources.SignedOrderWebhook(TestSources.OrderEvent(eventId, recipients, appId));
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return WebhookDeliveryTests.MessageIds(await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static Task WaitForParkedAsync(StorageQueues queues, int count) =>
        WaitUntilAsync(async () => (await queues.ReadPoisonAsync(QueueNames.LiveMessages)).Count == count, $"live-messages-poison did not hold {count} message(s)");

    private static Task WaitUntilAsync(Func<bool> condition, string failure) => WaitUntilAsync(() => Task.FromResult(condition()), failure);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(50);
        }
    }
}
