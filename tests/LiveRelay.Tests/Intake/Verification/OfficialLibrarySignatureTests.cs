using System.Text.Json;
using LiveRelay.Intake.Results;
using LiveRelay.Testing;

namespace LiveRelay.Tests.Intake.Verification;

/// <summary>
/// Requests signed by the senders' own libraries (tests/node/sign-webhook.mjs: npm standardwebhooks,
/// @octokit/webhooks-methods, stripe) go through the whole intake: accepted with the right secret, the previous
/// secret during rotation, and refused with a wrong secret, a tampered body, or a timestamp outside the tolerance.
/// </summary>
public sealed class OfficialLibrarySignatureTests(OfficialLibrarySignatureTests.Signatures signatures) : IClassFixture<OfficialLibrarySignatureTests.Signatures>
{
    internal const string StandardSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    internal const string StandardPrevious = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    internal const string GitHubSecret = "gh: it's a secret";
    internal const string GitHubPrevious = "gh-previous";
    internal const string StripeSecret = "whsec_stripe_current";
    internal const string StripePrevious = "whsec_stripe_previous";
    internal const string Body = "{\"id\":\"evt_1NG8Du2eZvKYlo2CUI79vXWy\",\"object\":\"event\",\"type\":\"order.shipped\",\"order\":{\"id\":\"A-1001\",\"customer\":\"c42\"}}";
    internal static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private const string Config = """
        {
          "sw": { "Verification": { "Scheme": "standard-webhooks", "SecretNames": [ "sw", "sw-previous" ] }, "Rules": [ RULE ] },
          "gh": { "Verification": { "Scheme": "github", "SecretNames": [ "gh", "gh-previous" ] }, "Rules": [ RULE ] },
          "st": { "Verification": { "Scheme": "stripe", "SecretNames": [ "st", "st-previous" ] }, "Rules": [ RULE ] }
        }
        """;

    private const string Rule = """
        { "Name": "notify", "Kind": "user", "Parameters": { "AppId": "app", "ReceiverId": "{$.order.customer}", "SenderId": "shop", "Body": "Order {$.order.id} shipped" } }
        """;

    private static IntakeTestHost Host() => new(
        Config.Replace("RULE", Rule, StringComparison.Ordinal),
        new InMemorySecretProvider(("sw", StandardSecret), ("sw-previous", StandardPrevious), ("gh", GitHubSecret), ("gh-previous", GitHubPrevious), ("st", StripeSecret), ("st-previous", StripePrevious)),
        Now);

    [Theory]
    [InlineData("sw", "current")]
    [InlineData("sw", "previous")]
    [InlineData("gh", "current")]
    [InlineData("gh", "previous")]
    [InlineData("st", "current")]
    [InlineData("st", "previous")]
    public async Task Accepts_requests_signed_by_the_official_library(string source, string secret)
    {
        var result = await Host().PostAsync(source, Body, signatures.For(source, secret));

        var accepted = IntakeAssert.Accepted(result);
        var envelope = Assert.Single(accepted.Envelopes);
        Assert.Equal("Order A-1001 shipped", ((LiveRelay.Messages.UserLiveMessage)envelope.Message).Request.Body);
    }

    [Theory]
    [InlineData("sw", "wrong")]
    [InlineData("gh", "wrong")]
    [InlineData("st", "wrong")]
    [InlineData("sw", "expired")]
    [InlineData("sw", "future")]
    [InlineData("st", "expired")]
    [InlineData("st", "future")]
    public async Task Refuses_a_wrong_secret_and_timestamps_outside_the_tolerance(string source, string variant)
    {
        var result = await Host().PostAsync(source, Body, signatures.For(source, variant));

        var rejected = IntakeAssert.Rejected(result, IntakeRejectionKind.SignatureInvalid);
        Assert.Equal(401, rejected.Status);
    }

    [Theory]
    [InlineData("sw")]
    [InlineData("gh")]
    [InlineData("st")]
    public async Task Refuses_a_tampered_body(string source)
    {
        var tampered = Body.Replace("c42", "c43", StringComparison.Ordinal);

        var result = await Host().PostAsync(source, tampered, signatures.For(source, "current"));

        IntakeAssert.Rejected(result, IntakeRejectionKind.SignatureInvalid);
    }

    [Fact]
    public async Task The_event_id_is_what_the_signature_covers()
    {
        var host = Host();

        var sw = IntakeAssert.Accepted(await host.PostAsync("sw", Body, signatures.For("sw", "current")));
        var gh = IntakeAssert.Accepted(await host.PostAsync("gh", Body, signatures.For("gh", "current")));
        var st = IntakeAssert.Accepted(await host.PostAsync("st", Body, signatures.For("st", "current")));

        Assert.Equal("msg_2Lh9KRb0pzN4LePd3XiA4ivOeA1", Assert.Single(sw.EventIds));
        // X-GitHub-Delivery is not signed: GitHub's id is the body hash, the same for a redelivery.
        Assert.Equal(LiveRelay.Messages.MessageIds.ForBody(System.Text.Encoding.UTF8.GetBytes(Body)), Assert.Single(gh.EventIds));
        Assert.Equal("evt_1NG8Du2eZvKYlo2CUI79vXWy", Assert.Single(st.EventIds));
    }

    /// <summary>Every signature the tests need, made by one run of the Node.js tool.</summary>
    public sealed class Signatures : IAsyncLifetime
    {
        private readonly Dictionary<string, Dictionary<string, string>> _headers = [];

        public Dictionary<string, string> For(string source, string variant) => new(_headers[$"{source}/{variant}"]);

        public async Task InitializeAsync()
        {
            var now = Now.ToUnixTimeSeconds();
            var specs = new List<(string Key, object Spec)>
            {
                ("sw/current", new { scheme = "standard-webhooks", secret = StandardSecret, payload = Body, id = "msg_2Lh9KRb0pzN4LePd3XiA4ivOeA1", timestamp = now }),
                ("sw/previous", new { scheme = "standard-webhooks", secret = StandardPrevious, payload = Body, id = "msg_2", timestamp = now - 10 }),
                ("sw/wrong", new { scheme = "standard-webhooks", secret = "whsec_dGhpcyBpcyBub3QgdGhlIHNlY3JldA==", payload = Body, id = "msg_3", timestamp = now }),
                ("sw/expired", new { scheme = "standard-webhooks", secret = StandardSecret, payload = Body, id = "msg_4", timestamp = now - 301 }),
                ("sw/future", new { scheme = "standard-webhooks", secret = StandardSecret, payload = Body, id = "msg_5", timestamp = now + 301 }),
                ("gh/current", new { scheme = "github", secret = GitHubSecret, payload = Body, id = "8a6c2b0e-1bd5-11f0-8f7e-5e4a6f1a1f10" }),
                ("gh/previous", new { scheme = "github", secret = GitHubPrevious, payload = Body, id = "d1" }),
                ("gh/wrong", new { scheme = "github", secret = "not the secret", payload = Body, id = "d2" }),
                ("st/current", new { scheme = "stripe", secret = StripeSecret, payload = Body, timestamp = now }),
                ("st/previous", new { scheme = "stripe", secret = StripePrevious, payload = Body, timestamp = now - 60 }),
                ("st/wrong", new { scheme = "stripe", secret = "whsec_wrong", payload = Body, timestamp = now }),
                ("st/expired", new { scheme = "stripe", secret = StripeSecret, payload = Body, timestamp = now - 301 }),
                ("st/future", new { scheme = "stripe", secret = StripeSecret, payload = Body, timestamp = now + 301 }),
            };
            var output = await NodeScript.RunAsync("sign-webhook.mjs", JsonSerializer.Serialize(specs.Select(s => s.Spec)), TimeSpan.FromSeconds(90));
            var headers = JsonSerializer.Deserialize<List<Dictionary<string, string>>>(output)!;
            for (var i = 0; i < specs.Count; i++)
            {
                _headers[specs[i].Key] = headers[i];
            }
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }
}
