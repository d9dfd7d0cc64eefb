namespace LiveRelay.AlibabaCloud.Messaging;

/// <summary>
/// A message to one user (SendLiveMessageUser). Every parameter travels in the query string. Unset optional
/// parameters are left out of the call.
/// </summary>
public sealed record SendLiveMessageUserRequest
{
    public string AppId { get; init; } = string.Empty;

    public string ReceiverId { get; init; } = string.Empty;

    /// <summary>At most 64 bytes, letters and digits.</summary>
    public string SenderId { get; init; } = string.Empty;

    /// <summary>At most 512 bytes.</summary>
    public string? SenderInfo { get; init; }

    /// <summary>At most 15 KB.</summary>
    public string? Body { get; init; }

    public long? MsgType { get; init; }

    /// <summary>The message's own id: at most 64 bytes, letters and digits. The API deduplicates on it.</summary>
    public string? MsgTid { get; init; }

    /// <summary><c>cn-shanghai</c> or <c>ap-southeast-1</c>.</summary>
    public string? DataCenter { get; init; }

    public bool? HighReliability { get; init; }

    public bool? Storage { get; init; }
}
