using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LiveRelay.IntegrationTests.Infrastructure;
using LiveRelay.Standalone.Demo;

namespace LiveRelay.IntegrationTests.Demo;

/// <summary>
/// <c>samples/send-sample-webhook.sh</c> against a real demo on free ports, with the URLs the demo printed: it reports
/// delivery only of the message its own request produced, and fails on a refused webhook.
/// </summary>
public sealed partial class SampleWebhookScriptTests
{
    private static readonly string[] OnFreePorts = ["--urls", "http://127.0.0.1:0", $"--{DemoHost.EmulatorUrlSetting}=http://127.0.0.1:0"];
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task It_reports_the_message_its_webhook_produced_once_the_emulator_has_it()
    {
        await using var demo = await DemoRun.StartAsync(OnFreePorts);

        var result = await SampleScript.RunAsync(demo.SampleArguments, Generous);

        Assert.True(result.ExitCode == 0, result.ToString());
        var messageId = MessageId().Match(result.Output).Groups["id"].Value;
        Assert.NotEmpty(messageId);
        Assert.Contains("Delivered to the Live API (emulator)", result.Output, StringComparison.Ordinal);
        using var emulator = new HttpClient { BaseAddress = demo.EmulatorUrl };
        var recorded = await emulator.GetFromJsonAsync<JsonElement>($"/_emulator/messages?msgTid={messageId}");
        Assert.Equal(1, recorded.GetArrayLength());
        Assert.Equal("cust42", recorded[0].GetProperty("ReceiverId").GetString());
    }

    [Fact]
    public async Task A_webhook_refused_with_401_fails_the_script_with_the_status_and_the_problem_even_with_an_earlier_message_for_the_user()
    {
        await using var demo = await DemoRun.StartAsync([.. OnFreePorts, "--LiveRelay:Secrets:shop-webhook-secret=not-the-secret-the-script-signs-with"]);
        await DeliverEarlierMessageForCust42Async(demo);

        var result = await SampleScript.RunAsync(demo.SampleArguments, Generous);

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains("HTTP 401", result.Error, StringComparison.Ordinal);
        Assert.Contains("urn:liverelay:problem:signature-invalid", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Delivered", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_from_an_earlier_run_for_the_same_user_does_not_count_as_this_runs_delivery()
    {
        await using var demo = await DemoRun.StartAsync([.. OnFreePorts, "--LiveRelay:Queues:ShutdownGracePeriod=00:00:01"]);
        var first = await SampleScript.RunAsync(demo.SampleArguments, Generous);
        Assert.True(first.ExitCode == 0, first.ToString());

        // From now on the Live API answers every call with a 500: this run's message can never arrive.
        using var emulator = new HttpClient { BaseAddress = demo.EmulatorUrl };
        using (var faults = await emulator.PutAsync(new Uri("/_emulator/faults", UriKind.Relative), new StringContent("""{"serverErrorShare":1}""", Encoding.UTF8, "application/json")))
        {
            faults.EnsureSuccessStatusCode();
        }

        var second = await SampleScript.RunAsync(demo.SampleArguments, TimeSpan.FromSeconds(3));

        Assert.True(second.ExitCode != 0, second.ToString());
        Assert.Contains("was not delivered", second.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Delivered", second.Output, StringComparison.Ordinal);
        var forCust42 = await emulator.GetFromJsonAsync<JsonElement>("/_emulator/messages?receiver=cust42");
        Assert.Equal(1, forCust42.GetArrayLength());
    }

    private static async Task DeliverEarlierMessageForCust42Async(DemoRun demo)
    {
        using var relay = new HttpClient { BaseAddress = demo.RelayUrl };
        using var answer = await relay.PostAsync(
            new Uri("/api/messages", UriKind.Relative),
            new StringContent("""[{"kind":"user","request":{"appId":"lr-app-1","receiverId":"cust42","senderId":"shop","body":"an earlier message"}}]""", Encoding.UTF8, "application/json"));
        answer.EnsureSuccessStatusCode();
        using var emulator = new HttpClient { BaseAddress = demo.EmulatorUrl };
        await Eventually.WaitUntilAsync(
            async () => (await emulator.GetFromJsonAsync<JsonElement>("/_emulator/messages?receiver=cust42")).GetArrayLength() == 1,
            Generous,
            demo.Describe);
    }

    [GeneratedRegex("\"messageIds\":\\[\"(?<id>[0-9A-Za-z]+)\"")]
    private static partial Regex MessageId();
}
