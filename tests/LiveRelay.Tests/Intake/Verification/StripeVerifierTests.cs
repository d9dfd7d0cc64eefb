using LiveRelay.Intake.Verification;
using static LiveRelay.Tests.Intake.Verification.VerifierHarness;

namespace LiveRelay.Tests.Intake.Verification;

public sealed class StripeVerifierTests
{
    private const string Secret = "whsec_test_secret_1";
    private const string Body = "{\"id\":\"evt_1\",\"type\":\"payment_intent.succeeded\"}";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly StripeVerifier Verifier = new(TimeSpan.FromMinutes(5));

    private static Dictionary<string, string> Signed(string secret = Secret, DateTimeOffset? at = null) =>
        TestSignatures.Stripe(secret, (at ?? Now).ToUnixTimeSeconds(), Body);

    [Fact]
    public void Accepts_a_signed_request() => Verified(Verify(Verifier, Signed(), Body, Now, Secret));

    [Fact]
    public void Uses_the_whole_secret_as_utf8_not_base64() =>
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(Secret), Verifier.DecodeKey(Secret, out _));

    [Fact]
    public void Refuses_a_secret_that_is_not_an_endpoint_signing_secret()
    {
        Assert.Null(Verifier.DecodeKey("sk_test_123", out var problem));
        Assert.Contains("starts with 'whsec_'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_wrong_secret() => Failed(Verify(Verifier, Signed("whsec_other"), Body, Now, Secret), "No v1 signature");

    [Fact]
    public void Rejects_a_tampered_body() => Failed(Verify(Verifier, Signed(), Body.Replace("evt_1", "evt_2", StringComparison.Ordinal), Now, Secret), "No v1 signature");

    [Fact]
    public void Rejects_an_expired_timestamp() => Failed(Verify(Verifier, Signed(at: Now.AddSeconds(-301)), Body, Now, Secret), "older than the tolerance");

    [Fact]
    public void Rejects_a_future_timestamp() => Failed(Verify(Verifier, Signed(at: Now.AddSeconds(301)), Body, Now, Secret), "in the future");

    [Fact]
    public void Rejects_a_signature_moved_to_another_timestamp()
    {
        var header = Signed()["Stripe-Signature"];
        var moved = header.Replace($"t={Now.ToUnixTimeSeconds()}", $"t={Now.ToUnixTimeSeconds() - 1}", StringComparison.Ordinal);

        Failed(Verify(Verifier, new Dictionary<string, string> { ["Stripe-Signature"] = moved }, Body, Now, Secret), "No v1 signature");
    }

    [Fact]
    public void Accepts_any_v1_signature_and_ignores_other_schemes()
    {
        var good = TestSignatures.StripeSignature(Secret, Now.ToUnixTimeSeconds(), Body);
        var header = $"t={Now.ToUnixTimeSeconds()},v0=abcdef,v1={new string('0', 64)},v1={good}";

        Verified(Verify(Verifier, new Dictionary<string, string> { ["Stripe-Signature"] = header }, Body, Now, Secret));
    }

    [Fact]
    public void Accepts_the_previous_secret_during_rotation() =>
        Verified(Verify(Verifier, Signed("whsec_previous"), Body, Now, Secret, "whsec_previous"));

    [Theory]
    [InlineData("v1=00", "no valid timestamp")]
    [InlineData("t=abc,v1=00", "no valid timestamp")]
    [InlineData("t=1772366400", "no v1 signature")]
    [InlineData("garbage", "no valid timestamp")]
    public void Rejects_malformed_headers(string header, string because) =>
        Failed(Verify(Verifier, new Dictionary<string, string> { ["Stripe-Signature"] = header }, Body, Now, Secret), because);
}
