namespace LiveRelay.Intake.Verification;

/// <summary>What verification found: the request is authentic, it is not (401), or it could not be checked (no usable secret).</summary>
internal readonly record struct VerificationOutcome(VerificationStatus Status, string? Detail)
{
    public static VerificationOutcome Verified { get; } = new(VerificationStatus.Verified, null);

    public static VerificationOutcome Failed(string detail) => new(VerificationStatus.Failed, detail);

    public static VerificationOutcome Unavailable(string detail) => new(VerificationStatus.Unavailable, detail);
}
