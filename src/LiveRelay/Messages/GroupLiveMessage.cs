using LiveRelay.AlibabaCloud.Messaging;

namespace LiveRelay.Messages;

/// <summary>A message to every member of a group.</summary>
public sealed record GroupLiveMessage(SendMessageToGroupRequest Request) : LiveMessage
{
    public override MessageKind Kind => MessageKind.Group;

    public override IReadOnlyList<ValidationFailure> Validate() => LiveMessageValidator.Validate(Request);
}
