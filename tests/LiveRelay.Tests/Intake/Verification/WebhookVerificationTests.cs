using LiveRelay.Intake.Http;
using LiveRelay.Intake.Results;

namespace LiveRelay.Tests.Intake.Verification;

/// <summary>Verification as the service applies it: secrets read by name, rotation, unreadable secrets, no leaks.</summary>
public sealed class WebhookVerificationTests
{
    private const string Body = "{\"order\":{\"id\":\"A-1\",\"customer\":\"c1\"}}";

    private const string Config = """
        {
          "shop": {
            "Verification": { "Scheme": "github", "SecretNames": [ "shop-webhook-secret", "shop-webhook-secret-previous" ] },
            "Rules": [ { "Kind": "user", "Parameters": { "AppId": "app", "ReceiverId": "{$.order.customer}", "SenderId": "shop", "Body": "{$.order.id}" } } ]
          },
          "open": {
            "Verification": { "Scheme": "none" },
            "Rules": [ { "Kind": "user", "Parameters": { "AppId": "app", "ReceiverId": "{$.order.customer}", "SenderId": "shop" } } ]
          }
        }
        """;

    [Fact]
    public async Task Rotating_a_secret_needs_no_restart()
    {
        var host = new IntakeTestHost(Config, new InMemorySecretProvider(("shop-webhook-secret", "v1-secret")));
        IntakeAssert.Accepted(await host.PostAsync("shop", Body, TestSignatures.GitHub("v1-secret", Body)));

        // Rotation: the new secret goes in, the old one stays as "previous" until senders have switched.
        host.Secrets.Set("shop-webhook-secret", "v2-secret");
        host.Secrets.Set("shop-webhook-secret-previous", "v1-secret");
        IntakeAssert.Accepted(await host.PostAsync("shop", Body, TestSignatures.GitHub("v1-secret", Body)));
        IntakeAssert.Accepted(await host.PostAsync("shop", Body, TestSignatures.GitHub("v2-secret", Body)));

        host.Secrets.Remove("shop-webhook-secret-previous");
        IntakeAssert.Rejected(await host.PostAsync("shop", Body, TestSignatures.GitHub("v1-secret", Body)), IntakeRejectionKind.SignatureInvalid);
    }

    [Fact]
    public async Task Without_any_readable_secret_the_answer_is_503_not_401()
    {
        var host = new IntakeTestHost(Config);

        var rejected = IntakeAssert.Rejected(await host.PostAsync("shop", Body, TestSignatures.GitHub("x", Body)), IntakeRejectionKind.VerificationUnavailable);

        Assert.Equal(503, rejected.Status);
        Assert.Equal(["shop-webhook-secret", "shop-webhook-secret-previous"], host.Secrets.Requested);
    }

    [Fact]
    public async Task A_secret_that_cannot_be_read_is_skipped_and_with_none_left_the_answer_is_503_not_a_500()
    {
        var secrets = new InMemorySecretProvider(("shop-webhook-secret-previous", "v1-secret"));
        secrets.Unreadable.Add("shop-webhook-secret");
        var host = new IntakeTestHost(Config, secrets);

        IntakeAssert.Accepted(await host.PostAsync("shop", Body, TestSignatures.GitHub("v1-secret", Body)));
        secrets.Unreadable.Add("shop-webhook-secret-previous");
        var rejected = IntakeAssert.Rejected(await host.PostAsync("shop", Body, TestSignatures.GitHub("v1-secret", Body)), IntakeRejectionKind.VerificationUnavailable);

        Assert.Equal((503, "urn:liverelay:problem:verification-unavailable"), (rejected.Status, rejected.Type));
    }

    [Fact]
    public async Task A_missing_signature_is_401_with_a_problem_naming_the_header()
    {
        var host = new IntakeTestHost(Config, new InMemorySecretProvider(("shop-webhook-secret", "s")));

        var rejected = IntakeAssert.Rejected(await host.PostAsync("shop", Body), IntakeRejectionKind.SignatureInvalid);
        var response = IntakeHttpMapper.ToResponse(rejected);

        Assert.Equal(401, response.StatusCode);
        Assert.Contains("X-Hub-Signature-256", rejected.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_never_appear_in_answers()
    {
        const string secret = "Sup3r-Secret-Value";
        var host = new IntakeTestHost(Config, new InMemorySecretProvider(("shop-webhook-secret", secret)));
        var signed = TestSignatures.GitHub(secret, Body);

        var results = new List<IntakeResult>
        {
            await host.PostAsync("shop", Body + " ", signed),
            await host.PostAsync("shop", Body, TestSignatures.GitHub("wrong", Body)),
            await host.PostAsync("shop", "{\"order\":{}}", TestSignatures.GitHub(secret, "{\"order\":{}}")),
        };

        foreach (var result in results)
        {
            var text = System.Text.Encoding.UTF8.GetString(IntakeHttpMapper.ToResponse(result).Body.Span) + result;
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(signed["X-Hub-Signature-256"][7..], text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Scheme_none_accepts_unsigned_requests_and_reads_no_secret()
    {
        var host = new IntakeTestHost(Config);

        IntakeAssert.Accepted(await host.PostAsync("open", Body));

        Assert.Empty(host.Secrets.Requested);
    }

    [Fact]
    public async Task Unauthenticated_callers_get_401_before_any_other_check()
    {
        var host = new IntakeTestHost(Config, new InMemorySecretProvider(("shop-webhook-secret", "s")));

        IntakeAssert.Rejected(await host.PostAsync("shop", "not json", contentType: "text/plain"), IntakeRejectionKind.SignatureInvalid);
    }
}
