namespace LiveRelay.AlibabaCloud.Messaging;

/// <summary>The Live API operations LiveRelay calls, and the API version they belong to.</summary>
public static class LiveApiActions
{
    public const string ApiVersion = "2016-11-01";
    public const string SendMessageToGroup = nameof(SendMessageToGroup);
    public const string SendLiveMessageUser = nameof(SendLiveMessageUser);
}
