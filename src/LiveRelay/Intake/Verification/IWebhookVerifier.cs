using LiveRelay.Intake.Input;

namespace LiveRelay.Intake.Verification;

/// <summary>Checks one scheme's signature over the raw body bytes.</summary>
internal interface IWebhookVerifier
{
    VerificationScheme Scheme { get; }

    /// <summary>The header that carries the sender's delivery id, when the scheme has one.</summary>
    string? DeliveryIdHeader { get; }

    /// <summary>
    /// Turns a secret's text into HMAC key bytes; null when the text is not a usable key for this scheme, with
    /// <paramref name="problem"/> saying what form the scheme needs (never the value). Start-up and every request use this
    /// one rule, so a secret that passes at start-up is one the requests can use.
    /// </summary>
    byte[]? DecodeKey(string secret, out string? problem);

    /// <summary>
    /// Checks the request against every key (a match with any one suffices, which is what makes rotation work).
    /// Comparisons take constant time. <paramref name="keys"/> is never empty.
    /// </summary>
    VerificationOutcome Verify(WebhookHeaders headers, ReadOnlySpan<byte> body, IReadOnlyList<byte[]> keys, DateTimeOffset now);
}
