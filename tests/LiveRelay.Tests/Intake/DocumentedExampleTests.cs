using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LiveRelay.Messages;
using LiveRelay.Testing;
using Microsoft.Extensions.Configuration;
using Newtonsoft.Json.Linq;

namespace LiveRelay.Tests.Intake;

/// <summary>
/// The worked examples in docs/configuration.md ("Webhook sources") run as written: their configuration is loaded, their request
/// is sent (signed with a test secret in place of the placeholder), and the result must be the documented requests.
/// </summary>
public sealed class DocumentedExampleTests
{
    private const string DocPath = "docs/configuration.md";

    public static TheoryData<string> Examples => new() { "shop", "github", "campaigns" };

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task The_worked_example_produces_the_documented_requests(string example)
    {
        var doc = await File.ReadAllTextAsync(RepoPaths.InRepo("docs", "configuration.md"));
        var config = Block(doc, $"example-config: {example}");
        var (source, headers, body) = ParseRequest(Block(doc, $"example-request: {example}"));
        var expected = JToken.Parse(Block(doc, $"example-result: {example}"));

        var section = IntakeTestHost.FromJson(config).GetSection($"LiveRelay:Sources:{source}:Verification");
        var secrets = new InMemorySecretProvider();
        var secret = section["Scheme"] == "standard-webhooks" ? "whsec_" + Convert.ToBase64String("documented example key"u8) : "documented example secret";
        secrets.Set(section.GetSection("SecretNames").Get<string[]>()![0], secret);
        var now = headers.TryGetValue("webhook-timestamp", out var timestamp)
            ? DateTimeOffset.FromUnixTimeSeconds(long.Parse(timestamp, CultureInfo.InvariantCulture))
            : IntakeTestHost.DefaultNow;
        Sign(section, secret, headers, body);
        var host = new IntakeTestHost(config, secrets, now);

        var accepted = IntakeAssert.Accepted(await host.PostAsync(source, body, headers, headers["Content-Type"]));

        var actual = new JArray(accepted.Envelopes.Select(Describe));
        Assert.True(JToken.DeepEquals(expected, actual), $"{DocPath} says:\n{expected}\nbut intake produced:\n{actual}");
    }

    private static JObject Describe(MessageEnvelope envelope)
    {
        var request = JObject.Parse(envelope.Message switch
        {
            UserLiveMessage user => JsonSerializer.Serialize(user.Request, LiveRelayJson.Options),
            GroupLiveMessage group => JsonSerializer.Serialize(group.Request, LiveRelayJson.Options),
            _ => throw new InvalidOperationException(),
        });

        // The documentation leaves the hash out; it must still be the envelope id.
        if (request.Remove("msgTid", out var msgTid))
        {
            Assert.Equal(envelope.Id, (string?)msgTid);
        }

        return new JObject { ["kind"] = envelope.Kind == MessageKind.User ? "user" : "group", ["request"] = request };
    }

    private static void Sign(IConfigurationSection verification, string secret, Dictionary<string, string> headers, string body)
    {
        switch (verification["Scheme"])
        {
            case "hmac":
                headers[verification["Header"]!] = verification["Prefix"] + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
                break;
            case "github":
                headers["X-Hub-Signature-256"] = TestSignatures.GitHub(secret, body)["X-Hub-Signature-256"];
                break;
            case "standard-webhooks":
                var signed = TestSignatures.StandardWebhooks(secret, headers["webhook-id"], long.Parse(headers["webhook-timestamp"], CultureInfo.InvariantCulture), body);
                headers["webhook-signature"] = signed["webhook-signature"];
                break;
        }
    }

    private static (string Source, Dictionary<string, string> Headers, string Body) ParseRequest(string http)
    {
        var lines = http.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        const string route = "POST /api/webhooks/";
        Assert.StartsWith(route, lines[0], StringComparison.Ordinal);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 1;
        for (; i < lines.Length && lines[i].Length > 0; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            headers[lines[i][..colon].Trim()] = lines[i][(colon + 1)..].Trim();
        }

        return (lines[0][route.Length..].Trim(), headers, string.Join('\n', lines[(i + 1)..]).Trim());
    }

    private static string Block(string doc, string marker)
    {
        var at = doc.IndexOf($"<!-- {marker} -->", StringComparison.Ordinal);
        Assert.True(at >= 0, $"{DocPath} has no '<!-- {marker} -->'.");
        var start = doc.IndexOf('\n', doc.IndexOf("```", at, StringComparison.Ordinal)) + 1;
        var end = doc.IndexOf("\n```", start, StringComparison.Ordinal);
        return doc[start..end];
    }
}
