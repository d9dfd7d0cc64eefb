namespace LiveRelay.Intake.Verification;

internal enum VerificationStatus
{
    Verified,
    Failed,
    Unavailable,
}
