using LiveRelay.Intake.Verification;
using static LiveRelay.Tests.Intake.Verification.VerifierHarness;

namespace LiveRelay.Tests.Intake.Verification;

/// <summary>The published vectors in shared/vectors/README.md, used as they are.</summary>
public sealed class SignatureVectorTests
{
    private const string GitHubSecret = "It's a Secret to Everybody";
    private const string GitHubPayload = "Hello, World!";
    private const string GitHubSignature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    private const string StandardSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string StandardId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long StandardTimestamp = 1614265330;
    private const string StandardBody = "{\"test\": 2432232314}";
    private const string StandardSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static readonly DateTimeOffset StandardSignedAt = DateTimeOffset.FromUnixTimeSeconds(StandardTimestamp);

    [Fact]
    public void GitHub_vector_verifies()
    {
        var headers = new Dictionary<string, string> { ["X-Hub-Signature-256"] = GitHubSignature };

        Verified(Verify(new GitHubVerifier(), headers, GitHubPayload, DateTimeOffset.UnixEpoch, GitHubSecret));
    }

    [Fact]
    public void Standard_Webhooks_vector_verifies()
    {
        var headers = new Dictionary<string, string>
        {
            ["webhook-id"] = StandardId,
            ["webhook-timestamp"] = "1614265330",
            ["webhook-signature"] = StandardSignature,
        };

        Verified(Verify(new StandardWebhooksVerifier(TimeSpan.FromMinutes(5)), headers, StandardBody, StandardSignedAt, StandardSecret));
    }

    [Fact]
    public void The_test_signer_reproduces_the_vectors()
    {
        Assert.Equal(GitHubSignature, TestSignatures.GitHub(GitHubSecret, GitHubPayload)["X-Hub-Signature-256"]);
        Assert.Equal(StandardSignature, TestSignatures.StandardWebhooks(StandardSecret, StandardId, StandardTimestamp, StandardBody)["webhook-signature"]);
    }

    [Fact]
    public void Header_names_are_case_insensitive()
    {
        var headers = new Dictionary<string, string> { ["x-hub-signature-256"] = GitHubSignature };

        Verified(Verify(new GitHubVerifier(), headers, GitHubPayload, DateTimeOffset.UnixEpoch, GitHubSecret));
    }
}
