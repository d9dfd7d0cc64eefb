using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace LiveRelay.IntegrationTests.Replay;

/// <summary>
/// The replay run: one signed webhook per verification scheme, sent 50 times at once within its tolerance (GitHub's with a
/// fresh, unsigned X-GitHub-Delivery each time, as an attacker would), through queues on Azurite. Each must reach the
/// Live API once: group messages, which the API itself would not deduplicate.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class ReplayTests(IntegrationEnvironment environment, ITestOutputHelper output)
{
    private const int Copies = 50;
    private const string Secret = "whsec_" + "cmVwbGF5LXRlc3Qtc2lnbmluZy1rZXktMzJieXRlcyE=";

    private readonly EmulatorServer _emulator = environment.Emulator;

    public static TheoryData<string> Schemes => ["hmac", "github", "stripe", "standard-webhooks"];

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task The_same_signed_webhook_sent_50_times_at_once_reaches_the_api_once(string scheme)
    {
        _emulator.Reset();
        var account = environment.NewStorageAccount();
        var settings = RelaySettings.For(account, _emulator);
        var source = "replay-" + scheme;
        var group = "replay" + scheme.Replace("-", string.Empty, StringComparison.Ordinal);
        var prefix = $"LiveRelay:Sources:{source}";
        settings["LiveRelay:Secrets:replay-secret"] = Secret;
        settings[$"{prefix}:Verification:Scheme"] = scheme;
        settings[$"{prefix}:Verification:SecretNames:0"] = "replay-secret";
        settings[$"{prefix}:Verification:Header"] = scheme == "hmac" ? "X-Signature" : null;
        settings[$"{prefix}:Rules:0:Kind"] = "group";
        settings[$"{prefix}:Rules:0:Parameters:AppId"] = EmulatorServer.AppId;
        settings[$"{prefix}:Rules:0:Parameters:GroupId"] = group;
        settings[$"{prefix}:Rules:0:Parameters:OperatorUserId"] = "relay";
        settings[$"{prefix}:Rules:0:Content:text"] = "{$.text}";
        var logs = new LogCapture(Microsoft.Extensions.Logging.LogLevel.Information);
        await using var host = await RelayHost.StartAsync(settings, logs);

        var body = $$"""{"id":"evt_replay_{{scheme}}","object":"event","text":"once only"}""";
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var answers = await Task.WhenAll(Enumerable.Range(0, Copies).Select(async _ =>
        {
            using var request = Signed(source, scheme, body, timestamp);
            using var answer = await host.Client.SendAsync(request);
            return answer.StatusCode;
        }));

        Assert.All(answers, static status => Assert.Equal(HttpStatusCode.Accepted, status));

        // Every copy was queued; each one ends as a call or as a suppressed duplicate.
        int Suppressed() => logs.Entries.Count(static e => e.Message.StartsWith("Already delivered", StringComparison.Ordinal));
        await Eventually.WaitUntilAsync(
            () => Calls(group) + Suppressed() >= Copies, TimeSpan.FromSeconds(60), () => $"{Calls(group)} call(s), {Suppressed()} suppressed");

        output.WriteLine($"{scheme}: {Copies} copies accepted, {Calls(group)} Live API call(s), {Suppressed()} duplicates suppressed");
        Assert.Equal(1, Calls(group));
        Assert.Equal(Copies - 1, Suppressed());
    }

    private int Calls(string group) =>
        _emulator.Recorded(LiveApiActions.SendMessageToGroup).Count(m => m.Parameters.GetValueOrDefault("GroupId") == group);

    private static HttpRequestMessage Signed(string source, string scheme, string body, long timestamp)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/webhooks/{source}", UriKind.Relative)) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var utf8Secret = Encoding.UTF8.GetBytes(Secret);
        var t = timestamp.ToString(CultureInfo.InvariantCulture);
        switch (scheme)
        {
            case "hmac":
                request.Headers.Add("X-Signature", Convert.ToHexStringLower(HMACSHA256.HashData(utf8Secret, bytes)));
                break;
            case "github":
                request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(utf8Secret, bytes)));
                request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
                break;
            case "stripe":
                request.Headers.Add("Stripe-Signature", $"t={t},v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(utf8Secret, Encoding.UTF8.GetBytes($"{t}.{body}"))));
                break;
            default:
                var key = Convert.FromBase64String(Secret["whsec_".Length..]);
                request.Headers.Add("webhook-id", "msg_replay");
                request.Headers.Add("webhook-timestamp", t);
                request.Headers.Add("webhook-signature", "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"msg_replay.{t}.{body}"))));
                break;
        }

        return request;
    }
}
