namespace LiveRelay.Intake.Results;

/// <summary>
/// The request was refused; nothing is delivered. <see cref="Status"/>, <see cref="Type"/> and <see cref="Title"/> follow
/// from <see cref="Kind"/>; <see cref="Detail"/> says what was wrong; <see cref="Errors"/> lists every broken field (capped).
/// </summary>
public sealed record IntakeRejected : IntakeResult
{
    public const string ProblemTypePrefix = "urn:liverelay:problem:";

    public required IntakeRejectionKind Kind { get; init; }

    public required string Detail { get; init; }

    public IReadOnlyList<IntakeError> Errors { get; init; } = [];

    public int Status => Kind switch
    {
        IntakeRejectionKind.UnknownSource => 404,
        IntakeRejectionKind.SignatureInvalid => 401,
        IntakeRejectionKind.PayloadTooLarge => 413,
        IntakeRejectionKind.UnsupportedMediaType => 415,
        IntakeRejectionKind.VerificationUnavailable => 503,
        IntakeRejectionKind.IdempotencyKeyReused => 422,
        _ => 400,
    };

    /// <summary>The RFC 9457 problem type URI.</summary>
    public string Type => ProblemTypePrefix + Kind switch
    {
        IntakeRejectionKind.UnknownSource => "unknown-source",
        IntakeRejectionKind.SignatureInvalid => "signature-invalid",
        IntakeRejectionKind.PayloadTooLarge => "payload-too-large",
        IntakeRejectionKind.UnsupportedMediaType => "unsupported-media-type",
        IntakeRejectionKind.MalformedEvent => "malformed-event",
        IntakeRejectionKind.MappingFailed => "mapping-failed",
        IntakeRejectionKind.InvalidMessage => "invalid-message",
        IntakeRejectionKind.TooManyMessages => "too-many-messages",
        IntakeRejectionKind.IdempotencyKeyReused => "idempotency-key-reused",
        _ => "verification-unavailable",
    };

    public string Title => Kind switch
    {
        IntakeRejectionKind.UnknownSource => "Unknown source",
        IntakeRejectionKind.SignatureInvalid => "Signature verification failed",
        IntakeRejectionKind.PayloadTooLarge => "Body too large",
        IntakeRejectionKind.UnsupportedMediaType => "Unsupported content type",
        IntakeRejectionKind.MalformedEvent => "Malformed event",
        IntakeRejectionKind.MappingFailed => "The event cannot be mapped",
        IntakeRejectionKind.InvalidMessage => "A produced message request is invalid",
        IntakeRejectionKind.TooManyMessages => "Too many messages",
        IntakeRejectionKind.IdempotencyKeyReused => "Idempotency key reused with a different body",
        _ => "Verification unavailable",
    };

    public override string ToString() =>
        $"{Status} {Title}: {Detail}" + (Errors.Count == 0 ? string.Empty : " " + string.Join("; ", Errors));
}
