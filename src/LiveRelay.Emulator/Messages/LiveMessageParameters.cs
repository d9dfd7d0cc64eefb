using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Emulator.Api;

namespace LiveRelay.Emulator.Messages;

/// <summary>The parameters each operation takes, by API name, and which of them are required.</summary>
internal static class LiveMessageParameters
{
    private static readonly string[] Group = ["AppId", "GroupId", "OperatorUserId", "Type", "Data", "SkipAudit"];
    private static readonly string[] GroupRequired = ["AppId", "GroupId", "OperatorUserId", "Data"];

    private static readonly string[] User =
        ["AppId", "ReceiverId", "SenderId", "SenderInfo", "Body", "MsgType", "MsgTid", "DataCenter", "HighReliability", "Storage"];

    private static readonly string[] UserRequired = ["AppId", "ReceiverId", "SenderId"];

    public static IReadOnlyList<string> Of(string action) => action == LiveApiActions.SendMessageToGroup ? Group : User;

    public static IReadOnlyList<string> RequiredOf(string action) => action == LiveApiActions.SendMessageToGroup ? GroupRequired : UserRequired;

    /// <summary>The operation's parameters the call carries (query or form), in the operation's order.</summary>
    public static Dictionary<string, string> Collect(IncomingRequest request, string action)
    {
        var collected = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Of(action))
        {
            if (request.Parameter(name) is { } value)
            {
                collected[name] = value;
            }
        }

        return collected;
    }
}
