using LiveRelay.AlibabaCloud.Client;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.AlibabaCloud.Signing;

namespace LiveRelay.Emulator.Tests.Support;

/// <summary>Valid requests for both operations, and signed calls made from them.</summary>
internal static class Calls
{
    public static SendMessageToGroupRequest Group(string groupId = "group1", string appId = "app1") => new()
    {
        AppId = appId,
        GroupId = groupId,
        OperatorUserId = "operator1",
        Type = 10001,
        Data = """{"text":"hello world * ~ é"}""",
        SkipAudit = false,
    };

    public static SendLiveMessageUserRequest User(string receiverId = "user1", string? msgTid = "tid1", string appId = "app1") => new()
    {
        AppId = appId,
        ReceiverId = receiverId,
        SenderId = "sender1",
        SenderInfo = "info with spaces",
        Body = "hello, user",
        MsgType = 2,
        MsgTid = msgTid,
        DataCenter = "cn-shanghai",
        HighReliability = false,
        Storage = true,
    };

    public static SignedLiveApiRequest SignGroup(
        Uri endpoint,
        SignatureVersion version = SignatureVersion.V3,
        DateTimeOffset? timestamp = null,
        string? nonce = null,
        LiveRelay.AlibabaCloud.Credentials.AlibabaCloudCredential? credential = null) =>
        LiveApiRequestSigner.Sign(
            LiveApiCall.For(Group()), endpoint, version, credential ?? EmulatorHost.DefaultCredential,
            timestamp ?? DateTimeOffset.UtcNow, nonce ?? Guid.NewGuid().ToString("N"));

    public static SignedLiveApiRequest SignUser(
        Uri endpoint,
        SignatureVersion version = SignatureVersion.V3,
        DateTimeOffset? timestamp = null,
        string? nonce = null) =>
        LiveApiRequestSigner.Sign(
            LiveApiCall.For(User()), endpoint, version, EmulatorHost.DefaultCredential,
            timestamp ?? DateTimeOffset.UtcNow, nonce ?? Guid.NewGuid().ToString("N"));
}
