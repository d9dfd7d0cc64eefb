namespace LiveRelay.Intake.Verification;

/// <summary>The signature schemes a source can use (configured by their lower-case names).</summary>
internal enum VerificationScheme
{
    None,
    StandardWebhooks,
    GitHub,
    Stripe,
    Hmac,
}
