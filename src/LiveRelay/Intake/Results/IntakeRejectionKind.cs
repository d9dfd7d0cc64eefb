namespace LiveRelay.Intake.Results;

/// <summary>Why a request was rejected; each maps to one HTTP status and problem type.</summary>
public enum IntakeRejectionKind
{
    /// <summary>404: no source of that name is configured.</summary>
    UnknownSource,

    /// <summary>401: the signature is missing or wrong, or its timestamp is outside the tolerance.</summary>
    SignatureInvalid,

    /// <summary>413: the body is larger than <c>LiveRelay:Intake:MaxBodyBytes</c>.</summary>
    PayloadTooLarge,

    /// <summary>415: the body is not JSON (or a form with a JSON <c>payload</c> field) in UTF-8.</summary>
    UnsupportedMediaType,

    /// <summary>400: the body is not valid JSON, or not the source's format.</summary>
    MalformedEvent,

    /// <summary>400: the mapping cannot be applied to the event (a required value is missing or has the wrong type).</summary>
    MappingFailed,

    /// <summary>400: a produced message request breaks an API limit.</summary>
    InvalidMessage,

    /// <summary>400: the event would produce more than <c>LiveRelay:Intake:MaxMessagesPerEvent</c> messages.</summary>
    TooManyMessages,

    /// <summary>422: the <c>Idempotency-Key</c> was already used with a different body (as Stripe answers).</summary>
    IdempotencyKeyReused,

    /// <summary>503: none of the source's signing secrets can be read, so nothing can be verified. Senders retry later.</summary>
    VerificationUnavailable,
}
