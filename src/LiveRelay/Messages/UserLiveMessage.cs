using LiveRelay.AlibabaCloud.Messaging;

namespace LiveRelay.Messages;

/// <summary>A message to one user.</summary>
public sealed record UserLiveMessage(SendLiveMessageUserRequest Request) : LiveMessage
{
    public override MessageKind Kind => MessageKind.User;

    public override IReadOnlyList<ValidationFailure> Validate() => LiveMessageValidator.Validate(Request);
}
