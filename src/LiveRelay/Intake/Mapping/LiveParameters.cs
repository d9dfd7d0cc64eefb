using System.Collections.Frozen;
using LiveRelay.Messages;

namespace LiveRelay.Intake.Mapping;

/// <summary>The parameters each message kind takes (DESIGN.md: SendMessageToGroup, SendLiveMessageUser).</summary>
internal static class LiveParameters
{
    public static FrozenDictionary<string, LiveParameter> Group { get; } = Create(
        new(LiveParameterId.AppId, LiveParameterType.Text, true),
        new(LiveParameterId.GroupId, LiveParameterType.Text, true),
        new(LiveParameterId.OperatorUserId, LiveParameterType.Text, true),
        new(LiveParameterId.Type, LiveParameterType.Int32, false),
        new(LiveParameterId.Data, LiveParameterType.Json, true),
        new(LiveParameterId.SkipAudit, LiveParameterType.Boolean, false));

    public static FrozenDictionary<string, LiveParameter> User { get; } = Create(
        new(LiveParameterId.AppId, LiveParameterType.Text, true),
        new(LiveParameterId.ReceiverId, LiveParameterType.Text, true),
        new(LiveParameterId.SenderId, LiveParameterType.Text, true),
        new(LiveParameterId.SenderInfo, LiveParameterType.Text, false),
        new(LiveParameterId.Body, LiveParameterType.Text, false),
        new(LiveParameterId.MsgType, LiveParameterType.Int64, false),
        new(LiveParameterId.MsgTid, LiveParameterType.Text, false),
        new(LiveParameterId.DataCenter, LiveParameterType.Text, false),
        new(LiveParameterId.HighReliability, LiveParameterType.Boolean, false),
        new(LiveParameterId.Storage, LiveParameterType.Boolean, false));

    public static FrozenDictionary<string, LiveParameter> For(MessageKind kind) => kind == MessageKind.Group ? Group : User;

    /// <summary>The parameter a rule's <c>Content</c> object fills.</summary>
    public static LiveParameter ContentTarget(MessageKind kind) =>
        kind == MessageKind.Group ? Group[nameof(LiveParameterId.Data)] : User[nameof(LiveParameterId.Body)];

    private static FrozenDictionary<string, LiveParameter> Create(params LiveParameter[] parameters) =>
        parameters.ToFrozenDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
}
