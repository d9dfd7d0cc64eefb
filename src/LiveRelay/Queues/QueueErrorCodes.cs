namespace LiveRelay.Queues;

/// <summary>
/// Error codes of <see cref="MessageQueueException"/>: the Azure Queue Storage codes both implementations raise,
/// and ours for calls that got no usable answer.
/// </summary>
public static class QueueErrorCodes
{
    public const string QueueNotFound = "QueueNotFound";
    public const string MessageNotFound = "MessageNotFound";
    public const string PopReceiptMismatch = "PopReceiptMismatch";
    public const string AuthenticationFailed = "AuthenticationFailed";
    public const string AuthorizationFailure = "AuthorizationFailure";

    /// <summary>Ours: the service could not be reached.</summary>
    public const string ConnectionFailed = "ConnectionFailed";

    /// <summary>Ours: the call did not complete in time.</summary>
    public const string Timeout = "Timeout";

    /// <summary>Ours: the answer could not be read.</summary>
    public const string InvalidResponse = "InvalidResponse";

    /// <summary>Ours: a token for an identity-based connection could not be had.</summary>
    public const string CredentialUnavailable = "CredentialUnavailable";
}
