using LiveRelay.AlibabaCloud.Messaging;

namespace LiveRelay.Messages;

/// <summary>One message request: exactly one of the two operations' requests.</summary>
public abstract record LiveMessage
{
    private protected LiveMessage()
    {
    }

    public abstract MessageKind Kind { get; }

    /// <summary>Every broken API limit, by parameter name; empty when the request can be sent.</summary>
    public abstract IReadOnlyList<ValidationFailure> Validate();

    public static LiveMessage ToGroup(SendMessageToGroupRequest request) => new GroupLiveMessage(request);

    public static LiveMessage ToUser(SendLiveMessageUserRequest request) => new UserLiveMessage(request);
}
