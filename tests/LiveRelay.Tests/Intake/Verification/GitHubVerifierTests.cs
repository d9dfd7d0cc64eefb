using LiveRelay.Intake.Verification;
using static LiveRelay.Tests.Intake.Verification.VerifierHarness;

namespace LiveRelay.Tests.Intake.Verification;

public sealed class GitHubVerifierTests
{
    private const string Secret = "gh-secret-1";
    private const string Body = "{\"action\":\"published\"}";
    private static readonly GitHubVerifier Verifier = new();
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;

    [Fact]
    public void Accepts_a_signed_request() => Verified(Verify(Verifier, TestSignatures.GitHub(Secret, Body), Body, Now, Secret));

    [Fact]
    public void Rejects_a_wrong_secret() => Failed(Verify(Verifier, TestSignatures.GitHub("other", Body), Body, Now, Secret), "does not match");

    [Fact]
    public void Rejects_a_tampered_body() => Failed(Verify(Verifier, TestSignatures.GitHub(Secret, Body), Body + " ", Now, Secret), "does not match");

    [Fact]
    public void Accepts_the_previous_secret_during_rotation() =>
        Verified(Verify(Verifier, TestSignatures.GitHub("previous", Body), Body, Now, Secret, "previous"));

    [Fact]
    public void Accepts_upper_case_hex()
    {
        var headers = TestSignatures.GitHub(Secret, Body);
        headers["X-Hub-Signature-256"] = "sha256=" + headers["X-Hub-Signature-256"]["sha256=".Length..].ToUpperInvariant();

        Verified(Verify(Verifier, headers, Body, Now, Secret));
    }

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("sha1=0123", "must start with 'sha256='")]
    [InlineData("sha256=xyz", "not hex")]
    [InlineData("sha256=abc", "not hex")]
    [InlineData("sha256=00", "does not match")]
    public void Rejects_missing_or_malformed_signatures(string? header, string because)
    {
        var headers = new Dictionary<string, string>();
        if (header is not null)
        {
            headers["X-Hub-Signature-256"] = header;
        }

        Failed(Verify(Verifier, headers, Body, Now, Secret), because);
    }
}
