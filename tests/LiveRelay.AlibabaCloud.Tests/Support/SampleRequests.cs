using LiveRelay.AlibabaCloud.Messaging;

namespace LiveRelay.AlibabaCloud.Tests.Support;

/// <summary>Valid requests with every parameter set, and with only the required ones.</summary>
public static class SampleRequests
{
    public static SendMessageToGroupRequest FullGroup { get; } = new()
    {
        AppId = "app1",
        GroupId = "group1",
        OperatorUserId = "operator1",
        Type = 10001,
        Data = "{\"text\":\"hi there *\"}",
        SkipAudit = true,
    };

    public static SendMessageToGroupRequest MinimalGroup { get; } = new()
    {
        AppId = "app1",
        GroupId = "group1",
        OperatorUserId = "operator1",
        Data = "{}",
    };

    public static SendLiveMessageUserRequest FullUser { get; } = new()
    {
        AppId = "app1",
        ReceiverId = "receiver1",
        SenderId = "sender1",
        SenderInfo = "{\"nick\":\"Zoë\"}",
        Body = "hello world *",
        MsgType = 20001,
        MsgTid = "msg0001",
        DataCenter = "cn-shanghai",
        HighReliability = false,
        Storage = true,
    };

    public static SendLiveMessageUserRequest MinimalUser { get; } = new()
    {
        AppId = "app1",
        ReceiverId = "receiver1",
        SenderId = "sender1",
    };
}
