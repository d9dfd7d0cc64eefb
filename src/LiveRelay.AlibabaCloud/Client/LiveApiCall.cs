using System.Globalization;
using LiveRelay.AlibabaCloud.Messaging;

namespace LiveRelay.AlibabaCloud.Client;

/// <summary>
/// One Live API operation's parameters, split as the official SDKs send them: some in the query string,
/// some in a form body. Unset optional parameters are absent; booleans are <c>true</c>/<c>false</c>.
/// </summary>
public sealed record LiveApiCall(
    string Action,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    IReadOnlyList<KeyValuePair<string, string>> Body)
{
    /// <summary><c>SkipAudit</c> in the query, everything else in the form body.</summary>
    public static LiveApiCall For(SendMessageToGroupRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new List<KeyValuePair<string, string>>(1);
        Add(query, "SkipAudit", request.SkipAudit);

        var body = new List<KeyValuePair<string, string>>(5);
        Add(body, "AppId", request.AppId);
        Add(body, "Data", request.Data);
        Add(body, "GroupId", request.GroupId);
        Add(body, "OperatorUserId", request.OperatorUserId);
        Add(body, "Type", request.Type?.ToString(CultureInfo.InvariantCulture));
        return new LiveApiCall(LiveApiActions.SendMessageToGroup, query, body);
    }

    /// <summary>Every parameter in the query, no body.</summary>
    public static LiveApiCall For(SendLiveMessageUserRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new List<KeyValuePair<string, string>>(10);
        Add(query, "AppId", request.AppId);
        Add(query, "Body", request.Body);
        Add(query, "DataCenter", request.DataCenter);
        Add(query, "HighReliability", request.HighReliability);
        Add(query, "MsgTid", request.MsgTid);
        Add(query, "MsgType", request.MsgType?.ToString(CultureInfo.InvariantCulture));
        Add(query, "ReceiverId", request.ReceiverId);
        Add(query, "SenderId", request.SenderId);
        Add(query, "SenderInfo", request.SenderInfo);
        Add(query, "Storage", request.Storage);
        return new LiveApiCall(LiveApiActions.SendLiveMessageUser, query, []);
    }

    private static void Add(List<KeyValuePair<string, string>> target, string name, string? value)
    {
        if (value is not null)
        {
            target.Add(new(name, value));
        }
    }

    private static void Add(List<KeyValuePair<string, string>> target, string name, bool? value)
    {
        if (value is { } b)
        {
            target.Add(new(name, b ? "true" : "false"));
        }
    }
}
