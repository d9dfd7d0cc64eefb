using System.Net;
using LiveRelay.IntegrationTests.Infrastructure;

namespace LiveRelay.IntegrationTests.Hosting;

/// <summary>host.json's HTTP limits: maxConcurrentRequests run, up to maxOutstandingRequests wait, the rest get 429.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class HttpLimitTests(IntegrationEnvironment environment)
{
    [Fact]
    public async Task Requests_beyond_maxOutstandingRequests_get_429_while_health_still_answers()
    {
        environment.Emulator.Reset();
        var settings = RelaySettings.For(null, environment.Emulator);
        settings["AzureFunctionsJobHost:extensions:http:maxConcurrentRequests"] = "1";
        settings["AzureFunctionsJobHost:extensions:http:maxOutstandingRequests"] = "2";
        await using var host = await RelayHost.StartAsync(settings);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        // Three webhooks whose bodies are held: one runs (reading its body), one waits for the slot, one is over the
        // limit. Which is which depends on arrival; exactly one must be refused, and at once.
        var held = new List<HeldHttpRequest>();
        try
        {
            foreach (var id in new[] { "held-1", "held-2", "held-3" })
            {
                using var request = TestSources.SignedOrderWebhook(TestSources.OrderEvent(id, ["h1"]));
                request.Headers.Add("x-functions-key", RelaySettings.FunctionKey);
                held.Add(await HeldHttpRequest.StartAsync(host.BaseAddress, request));
            }

            var answers = held.Select(h => h.ReadAnswerAsync(timeout.Token)).ToList();
            var first = await Task.WhenAny(answers).WaitAsync(TimeSpan.FromSeconds(4));
            var refused = await first;
            using var health = await host.Client.GetAsync(new Uri("/api/health", UriKind.Relative));
            await Task.Delay(200);
            var stillHeld = answers.Count(static a => !a.IsCompleted);

            foreach (var request in held.Where((_, i) => answers[i] != first))
            {
                await request.ReleaseAsync();
            }

            var all = await Task.WhenAll(answers);

            Assert.Equal(429, refused.Status);
            Assert.Equal("application/problem+json", refused.ContentType);
            Assert.Equal(2, stillHeld);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal(2, all.Count(static a => a.Status == 202));
            Assert.Equal(1, all.Count(static a => a.Status == 429));
        }
        finally
        {
            foreach (var request in held)
            {
                await request.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_caller_that_stops_sending_its_body_gets_a_4xx_not_a_500()
    {
        environment.Emulator.Reset();
        await using var host = await RelayHost.StartAsync(RelaySettings.For(null, environment.Emulator));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var request = TestSources.SignedOrderWebhook(TestSources.OrderEvent("stalled", ["h1"]));
        request.Headers.Add("x-functions-key", RelaySettings.FunctionKey);

        // Kestrel gives up on a body that arrives slower than its minimum data rate, after a 5-second grace period.
        await using var stalled = await HeldHttpRequest.StartAsync(host.BaseAddress, request);
        var answer = await stalled.ReadAnswerAsync(timeout.Token);

        Assert.Equal((int)HttpStatusCode.RequestTimeout, answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.DoesNotContain(host.Logs.Entries, static e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }
}
