using System.Text;
using LiveRelay.Intake.Input;
using LiveRelay.Intake.Verification;
using Microsoft.Extensions.Primitives;

namespace LiveRelay.Tests.Intake.Verification;

internal static class VerifierHarness
{
    public static VerificationOutcome Verify(IWebhookVerifier verifier, IDictionary<string, string> headers, string body, DateTimeOffset now, params string[] secrets) =>
        verifier.Verify(
            WebhookHeaders.From(headers.Select(h => new KeyValuePair<string, StringValues>(h.Key, h.Value))),
            Encoding.UTF8.GetBytes(body),
            secrets.Select(s => verifier.DecodeKey(s, out _) ?? throw new ArgumentException("not a key: " + s)).ToList(),
            now);

    public static void Verified(VerificationOutcome outcome) =>
        Assert.True(outcome.Status == VerificationStatus.Verified, $"Expected verified, got: {outcome.Detail}");

    public static void Failed(VerificationOutcome outcome, string because)
    {
        Assert.Equal(VerificationStatus.Failed, outcome.Status);
        Assert.Contains(because, outcome.Detail, StringComparison.Ordinal);
    }
}
