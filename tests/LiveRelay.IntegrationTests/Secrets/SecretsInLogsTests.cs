using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Emulator.Faults;
using LiveRelay.Emulator.Settings;
using LiveRelay.IntegrationTests.Infrastructure;
using LiveRelay.IntegrationTests.Pipeline;
using LiveRelay.Messages;
using LiveRelay.Queues;
using LiveRelay.Queues.Processing;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace LiveRelay.IntegrationTests.Secrets;

/// <summary>
/// Sends through the whole pipeline (webhook → intake → queue → dispatcher → sender → emulator; also direct delivery,
/// a queued event, a retried and a refused message, a bad signature, function keys and a configured secret in the query
/// string, an API error quoting its string to sign) with every log category at Trace and an STS credential, and searches
/// everything logged for the secrets.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class SecretsInLogsTests(IntegrationEnvironment environment, ITestOutputHelper output)
{
    private const string WrongQueryKey = "WrongQueryKey7Hq2Zt";
    private const string QueryToken = "QueryToken4Mv8Rk1";
    private const string RefusedContent = "RefusedContent9Xw3Lp";

    private readonly EmulatorServer _emulator = environment.Emulator;

    [Theory]
    [InlineData("V3")]
    [InlineData("V1")]
    public async Task No_secret_appears_in_any_log_entry_at_Trace(string signatureVersion)
    {
        _emulator.Reset();
        var account = environment.NewStorageAccount();
        await using var queues = StorageQueues.Open(account);
        var settings = RelaySettings.For(account, _emulator);
        settings["LiveRelay:AlibabaCloud:AccessKeyId"] = EmulatorServer.StsAccessKeyId;
        settings["LiveRelay:AlibabaCloud:AccessKeySecret"] = EmulatorServer.StsAccessKeySecret;
        settings["LiveRelay:AlibabaCloud:SecurityToken"] = EmulatorServer.StsSecurityToken;
        settings["LiveRelay:AlibabaCloud:SignatureVersion"] = signatureVersion;
        settings["LiveRelay:Logging:SecretQueryParameters:0"] = "token";

        // The host keeps ASP.NET Core at Warning unless told otherwise; its request lines (which carry the query) are searched too.
        settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace";
        var logs = new LogCapture(LogLevel.Trace);
        var delivered = new List<string>();

        await using (var host = await RelayHost.StartAsync(settings, logs))
        {
            // Queued webhook.
            using (var webhook = TestSources.SignedOrderWebhook(TestSources.OrderEvent("secret-queued", ["s1", "s2"])))
            using (var answer = await host.Client.SendAsync(webhook))
            {
                Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
                delivered.AddRange(WebhookDeliveryTests.MessageIds(await answer.Content.ReadFromJsonAsync<JsonElement>()));
            }

            // Direct delivery of a normalized request.
            var direct = JsonSerializer.Serialize(new[]
            {
                new { kind = "user", request = new { appId = EmulatorServer.AppId, receiverId = "s3", senderId = "api", body = "direct", msgTid = "directSecretTest" + signatureVersion } },
            });
            using (var answer = await host.Client.PostAsync(
                new Uri("/api/messages?delivery=direct", UriKind.Relative), new StringContent(direct, Encoding.UTF8, "application/json")))
            {
                Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
                delivered.Add("directSecretTest" + signatureVersion);
            }

            // An event from a producer on live-events.
            var queued = JsonSerializer.Serialize(new
            {
                source = TestSources.Orders, eventId = "secret-event",
                @event = JsonDocument.Parse(TestSources.OrderEvent("secret-event", ["s4"])).RootElement,
            });
            await queues.PutAsync(QueueNames.LiveEvents, queued, QueueMessageEncoding.Base64);
            delivered.Add(MessageIds.ForMessage(TestSources.Orders, "secret-event", 0));

            await _emulator.WaitForMsgTidsAsync(delivered, TimeSpan.FromSeconds(30));

            // A retried message: the API fails until the queue has tried it again.
            _emulator.Faults.Configure(new FaultOptions { Seed = 1, ServerErrorShare = 1 });
            using (var webhook = TestSources.SignedOrderWebhook(TestSources.OrderEvent("secret-retried", ["s5"])))
            using (var answer = await host.Client.SendAsync(webhook))
            {
                delivered.AddRange(WebhookDeliveryTests.MessageIds(await answer.Content.ReadFromJsonAsync<JsonElement>()));
            }

            await Eventually.WaitUntilAsync(() => _emulator.FaultCount(FaultKind.ServerError) >= 3, TimeSpan.FromSeconds(30), () => "no retries");
            _emulator.Faults.Configure(new FaultOptions { Seed = 1 });
            await _emulator.WaitForMsgTidsAsync(delivered, TimeSpan.FromSeconds(30));

            // A message the API refuses for good, and a webhook with a wrong signature.
            using (var webhook = TestSources.SignedOrderWebhook(TestSources.OrderEvent("secret-refused", ["s6"], appId: "nosuchapp")))
            using (var answer = await host.Client.SendAsync(webhook))
            {
                Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
            }

            using (var forged = TestSources.SignedOrderWebhook(TestSources.OrderEvent("secret-forged", ["s7"]), secret: "NotTheSecret"))
            using (var answer = await host.Client.SendAsync(forged))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
            }

            // The function key in the query string (right and wrong), and a configured secret-bearing parameter.
            using var keyless = new HttpClient { BaseAddress = host.BaseAddress };
            foreach (var query in new[] { $"?code={RelaySettings.FunctionKey}", $"?code={WrongQueryKey}&token={QueryToken}", $"?token={QueryToken}&code={RelaySettings.FunctionKey}" })
            {
                using var answer = await keyless.PostAsync(new Uri("/api/messages" + query, UriKind.Relative), new StringContent("[]", Encoding.UTF8, "application/json"));
                Assert.NotEqual(HttpStatusCode.InternalServerError, answer.StatusCode);
            }

            await Eventually.WaitUntilAsync(
                async () => (await queues.ReadPoisonAsync(QueueNames.LiveMessages)).Count == 1, TimeSpan.FromSeconds(30), () => "nothing parked");
        }

        // The API's own error text: signed with a wrong secret, the emulator answers SignatureDoesNotMatch quoting its string
        // to sign (for V1 the whole query: SecurityToken and the message's Body). Neither the answer nor a log may repeat it.
        var wrongSecret = new Dictionary<string, string?>(settings) { ["LiveRelay:AlibabaCloud:AccessKeySecret"] = "NotTheStsSecret" };
        await using (var host = await RelayHost.StartAsync(wrongSecret, logs))
        {
            var refused = JsonSerializer.Serialize(new[]
            {
                new { kind = "user", request = new { appId = EmulatorServer.AppId, receiverId = "s8", senderId = "api", body = RefusedContent, msgTid = "refusedSecretTest" + signatureVersion } },
            });
            using var answer = await host.Client.PostAsync(
                new Uri("/api/messages?delivery=direct", UriKind.Relative), new StringContent(refused, Encoding.UTF8, "application/json"));
            var text = await answer.Content.ReadAsStringAsync();
            Assert.Contains("SignatureDoesNotMatch", text, StringComparison.Ordinal);
            Assert.DoesNotContain(EmulatorServer.StsSecurityToken, text, StringComparison.Ordinal);
            Assert.DoesNotContain(RefusedContent, text, StringComparison.Ordinal);
        }

        // Everything went through the STS credential, as configured.
        Assert.All(_emulator.Recorded(), m => Assert.Equal(EmulatorServer.StsAccessKeyId, m.AccessKeyId));
        Assert.All(_emulator.Recorded(), m => Assert.Equal(signatureVersion, m.SignatureVersion.ToString()));

        // The capture saw the pipeline in detail: delivery lines for the messages, Trace and Debug from several layers.
        var entries = logs.Entries.ToList();
        Assert.Contains(entries, e => e.Level == LogLevel.Trace);
        Assert.Contains(entries, e => e.Category.StartsWith("LiveRelay.Delivery", StringComparison.Ordinal) && e.Level <= LogLevel.Debug);
        Assert.Contains(entries, e => e.Category.StartsWith("LiveRelay.Queues", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Category.StartsWith("LiveRelay.Intake", StringComparison.Ordinal));
        Assert.All(delivered.Take(2), id => Assert.Contains(entries, e => e.AllText.Contains(id, StringComparison.Ordinal)));

        var secrets = new Dictionary<string, string>
        {
            ["Alibaba Cloud AccessKeySecret"] = EmulatorServer.StsAccessKeySecret,
            ["STS security token"] = EmulatorServer.StsSecurityToken,
            ["webhook signing secret"] = TestSources.OrdersWebhookSecret,
            ["function key"] = RelaySettings.FunctionKey,
            ["wrong function key in the query"] = WrongQueryKey,
            ["configured secret query parameter"] = QueryToken,
            ["message content quoted by an API error"] = RefusedContent,
            ["storage account key"] = account.Key,
        };
        foreach (var (what, secret) in secrets)
        {
            foreach (var form in new[] { secret, Uri.EscapeDataString(secret), Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)) }.Distinct())
            {
                var leak = entries.FirstOrDefault(e => e.AllText.Contains(form, StringComparison.Ordinal));
                Assert.True(leak is null, $"The {what} appears in a log entry: {leak}");
            }
        }

        output.WriteLine($"{signatureVersion}: {entries.Count} log entries searched ({entries.Count(static e => e.Level == LogLevel.Trace)} at Trace, "
            + $"{entries.Select(static e => e.Category).Distinct().Count()} categories); {delivered.Count} messages delivered, one parked.");
    }
}
