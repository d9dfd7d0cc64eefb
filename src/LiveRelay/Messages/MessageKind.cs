namespace LiveRelay.Messages;

/// <summary>Which Live API operation a message request is for.</summary>
public enum MessageKind
{
    /// <summary>SendMessageToGroup.</summary>
    Group,

    /// <summary>SendLiveMessageUser.</summary>
    User,
}
