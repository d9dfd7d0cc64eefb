namespace LiveRelay.AlibabaCloud.Messaging;

/// <summary>
/// A message to every member of a group (SendMessageToGroup). Unset optional parameters are left out of
/// the call. String properties default to empty so that validation, not construction, reports what is missing.
/// </summary>
public sealed record SendMessageToGroupRequest
{
    public string AppId { get; init; } = string.Empty;

    public string GroupId { get; init; } = string.Empty;

    public string OperatorUserId { get; init; } = string.Empty;

    /// <summary>Message type: up to 10000 are system types, above 10000 custom ones.</summary>
    public int? Type { get; init; }

    /// <summary>The message content, a JSON document as a string.</summary>
    public string Data { get; init; } = string.Empty;

    /// <summary>Skips content moderation. Sent in the query string.</summary>
    public bool? SkipAudit { get; init; }
}
