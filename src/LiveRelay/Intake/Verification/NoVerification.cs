using LiveRelay.Intake.Input;

namespace LiveRelay.Intake.Verification;

/// <summary>Scheme <c>none</c>: accepts every request. Only used when a source says so explicitly.</summary>
internal sealed class NoVerification : IWebhookVerifier
{
    public static readonly NoVerification Instance = new();

    public VerificationScheme Scheme => VerificationScheme.None;

    public string? DeliveryIdHeader => null;

    public byte[]? DecodeKey(string secret, out string? problem)
    {
        problem = "scheme 'none' uses no secret";
        return null;
    }

    public VerificationOutcome Verify(WebhookHeaders headers, ReadOnlySpan<byte> body, IReadOnlyList<byte[]> keys, DateTimeOffset now) =>
        VerificationOutcome.Verified;
}
