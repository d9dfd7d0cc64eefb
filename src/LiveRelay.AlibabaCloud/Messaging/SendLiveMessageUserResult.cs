namespace LiveRelay.AlibabaCloud.Messaging;

/// <summary>What SendLiveMessageUser answered.</summary>
public sealed record SendLiveMessageUserResult(string RequestId, string? MsgTid);
