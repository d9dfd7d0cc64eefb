using LiveRelay.Intake.Verification;
using static LiveRelay.Tests.Intake.Verification.VerifierHarness;

namespace LiveRelay.Tests.Intake.Verification;

public sealed class StandardWebhooksVerifierTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string OtherSecret = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    private const string Body = "{\"order\":{\"id\":42}}";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly StandardWebhooksVerifier Verifier = new(TimeSpan.FromMinutes(5));

    private static Dictionary<string, string> Signed(string secret = Secret, DateTimeOffset? at = null, string body = Body) =>
        TestSignatures.StandardWebhooks(secret, "msg_1", (at ?? Now).ToUnixTimeSeconds(), body);

    [Fact]
    public void Accepts_a_signed_request() => Verified(Verify(Verifier, Signed(), Body, Now, Secret));

    [Fact]
    public void Rejects_a_wrong_secret() => Failed(Verify(Verifier, Signed(OtherSecret), Body, Now, Secret), "No signature");

    [Fact]
    public void Rejects_a_tampered_body() => Failed(Verify(Verifier, Signed(), Body.Replace("42", "43", StringComparison.Ordinal), Now, Secret), "No signature");

    [Fact]
    public void Rejects_a_tampered_id()
    {
        var headers = Signed();
        headers["webhook-id"] = "msg_2";

        Failed(Verify(Verifier, headers, Body, Now, Secret), "No signature");
    }

    [Fact]
    public void Rejects_an_expired_timestamp() =>
        Failed(Verify(Verifier, Signed(at: Now.AddMinutes(-5).AddSeconds(-1)), Body, Now, Secret), "older than the tolerance");

    [Fact]
    public void Rejects_a_future_timestamp() =>
        Failed(Verify(Verifier, Signed(at: Now.AddMinutes(5).AddSeconds(1)), Body, Now, Secret), "in the future");

    [Fact]
    public void Accepts_timestamps_at_the_edges_of_the_tolerance()
    {
        Verified(Verify(Verifier, Signed(at: Now.AddMinutes(-5)), Body, Now, Secret));
        Verified(Verify(Verifier, Signed(at: Now.AddMinutes(5)), Body, Now, Secret));
    }

    [Fact]
    public void Honours_a_configured_tolerance()
    {
        var strict = new StandardWebhooksVerifier(TimeSpan.FromSeconds(30));

        Failed(Verify(strict, Signed(at: Now.AddSeconds(-31)), Body, Now, Secret), "older than the tolerance of 30 second(s)");
        Verified(Verify(strict, Signed(at: Now.AddSeconds(-30)), Body, Now, Secret));
    }

    [Fact]
    public void Accepts_any_of_several_signatures_in_the_header()
    {
        var headers = Signed();
        var other = Signed(OtherSecret)["webhook-signature"];
        headers["webhook-signature"] = $"{other} v1a,ignored-asymmetric {headers["webhook-signature"]}";

        Verified(Verify(Verifier, headers, Body, Now, Secret));
    }

    [Fact]
    public void Accepts_a_request_signed_with_any_configured_secret()
    {
        Verified(Verify(Verifier, Signed(OtherSecret), Body, Now, Secret, OtherSecret));
        Verified(Verify(Verifier, Signed(Secret), Body, Now, OtherSecret, Secret));
    }

    [Theory]
    [InlineData("webhook-id")]
    [InlineData("webhook-timestamp")]
    [InlineData("webhook-signature")]
    public void Requires_every_header(string missing)
    {
        var headers = Signed();
        headers.Remove(missing);

        Failed(Verify(Verifier, headers, Body, Now, Secret), "headers are required");
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("1.5")]
    public void Rejects_a_timestamp_that_is_not_unix_seconds(string timestamp)
    {
        var headers = Signed();
        headers["webhook-timestamp"] = timestamp;

        Failed(Verify(Verifier, headers, Body, Now, Secret), "not a Unix time");
    }

    [Theory]
    [InlineData("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    [InlineData("v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    [InlineData("v1,not base64!")]
    [InlineData("v1,")]
    public void Rejects_malformed_signatures(string signature)
    {
        var headers = Signed();
        headers["webhook-signature"] = signature;

        Assert.Equal(VerificationStatus.Failed, Verify(Verifier, headers, Body, Now, Secret).Status);
    }

    [Fact]
    public void Decodes_only_whsec_secrets_and_says_why_another_is_refused_without_showing_it()
    {
        Assert.Equal(Convert.FromBase64String(Secret["whsec_".Length..]), Verifier.DecodeKey(Secret, out var none));
        Assert.Null(none);

        Assert.Null(Verifier.DecodeKey(Secret["whsec_".Length..], out var unprefixed));
        Assert.Contains("does not start with 'whsec_'", unprefixed, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret["whsec_".Length..], unprefixed, StringComparison.Ordinal);

        Assert.Null(Verifier.DecodeKey("whsec_***not base64***", out var notBase64));
        Assert.Contains("not base64", notBase64, StringComparison.Ordinal);
    }
}
