namespace LiveRelay.AlibabaCloud.Messaging;

/// <summary>What SendMessageToGroup answered.</summary>
public sealed record SendMessageToGroupResult(string RequestId, string? MessageId);
