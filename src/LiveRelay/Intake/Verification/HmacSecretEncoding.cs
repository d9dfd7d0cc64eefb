namespace LiveRelay.Intake.Verification;

internal enum HmacSecretEncoding
{
    Utf8,
    Base64,
    Hex,
}
