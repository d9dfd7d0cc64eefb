using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LiveRelay.IntegrationTests.Infrastructure;
using LiveRelay.Standalone;
using LiveRelay.Standalone.Demo;
using LiveRelay.Testing;

namespace LiveRelay.IntegrationTests.Demo;

/// <summary><c>./run.sh</c> (the demo) starts and says where it listens when its default ports are taken.</summary>
public sealed class DemoPortTests
{
    [Fact]
    public async Task With_its_default_ports_taken_the_demo_listens_on_free_ports_prints_them_and_delivers_a_webhook()
    {
        using var relayPort = OccupiedPort.Hold(DemoHost.DefaultRelayUrl);
        using var emulatorPort = OccupiedPort.Hold(DemoHost.DefaultEmulatorUrl);

        await using var demo = await DemoRun.StartAsync();

        Assert.Equal("127.0.0.1", demo.RelayUrl.Host);
        Assert.Equal("127.0.0.1", demo.EmulatorUrl.Host);
        Assert.NotEqual(DemoHost.DefaultRelayUrl.Port, demo.RelayUrl.Port);
        Assert.NotEqual(DemoHost.DefaultEmulatorUrl.Port, demo.EmulatorUrl.Port);
        var printed = demo.Output.ToString();
        Assert.Contains($"default {DemoHost.DefaultRelayUrl.GetLeftPart(UriPartial.Authority)} is in use", printed, StringComparison.Ordinal);
        Assert.Contains($"default {DemoHost.DefaultEmulatorUrl.GetLeftPart(UriPartial.Authority)} is in use", printed, StringComparison.Ordinal);
        Assert.Equal([Authority(demo.RelayUrl), Authority(demo.EmulatorUrl)], demo.SampleArguments);

        var messageId = await PostSampleWebhookAsync(demo.RelayUrl);
        using var emulator = new HttpClient { BaseAddress = demo.EmulatorUrl };
        await Eventually.WaitUntilAsync(
            async () => (await emulator.GetFromJsonAsync<JsonElement>($"/_emulator/messages?msgTid={messageId}")).GetArrayLength() == 1,
            TimeSpan.FromSeconds(60),
            () => $"message {messageId} did not reach the emulator the demo printed; {demo.Describe()}");
    }

    [Fact]
    public async Task An_address_asked_for_that_is_taken_ends_the_demo_with_a_message_and_exit_code_1()
    {
        var taken = new Uri($"http://127.0.0.1:{LoopbackPort.GetFree().ToString(CultureInfo.InvariantCulture)}");
        using var occupied = OccupiedPort.Hold(taken);
        using var output = new ConsoleCapture();
        using var error = new ConsoleCapture();

        var exitCode = await Program.RunAsync(
                ["--demo", "--urls", taken.GetLeftPart(UriPartial.Authority), $"--{DemoHost.EmulatorUrlSetting}=http://127.0.0.1:0"],
                output,
                error,
                CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(90));

        Assert.Equal(1, exitCode);
        Assert.Contains($"LiveRelay cannot listen on {taken.GetLeftPart(UriPartial.Authority)}: the address is in use", error.ToString(), StringComparison.Ordinal);
    }

    private static string Authority(Uri url) => url.GetLeftPart(UriPartial.Authority);

    private static async Task<string> PostSampleWebhookAsync(Uri relay)
    {
        const string body = """{"id":"evt_demo_ports","topic":"orders/shipped","order":{"number":"A-2002","carrier":"DHL","customer":{"id":"cust42"}}}""";
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData("demo-shop-secret"u8, Encoding.UTF8.GetBytes(body)));
        using var client = new HttpClient { BaseAddress = relay };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/shop") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Shop-Signature", "sha256=" + signature);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        return answer.GetProperty("messageIds")[0].GetString()!;
    }
}
