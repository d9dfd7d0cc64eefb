using BenchmarkDotNet.Attributes;
using LiveRelay.AlibabaCloud.Client;
using LiveRelay.AlibabaCloud.Credentials;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.AlibabaCloud.Signing;

namespace LiveRelay.Benchmarks.Signing;

/// <summary>
/// One typed request to wire form: parameters split (<see cref="LiveApiCall"/>), form body and URI serialized,
/// and signed, as the sender does for every message. Run:
/// <c>dotnet run -c Release --project tests/LiveRelay.Benchmarks -- --filter '*LiveApiRequestSigning*' --job short</c>
/// </summary>
[MemoryDiagnoser]
public class LiveApiRequestSigningBenchmarks
{
    private static readonly Uri Endpoint = new("https://live.aliyuncs.com");
    private static readonly DateTimeOffset Timestamp = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private const string Nonce = "3156853299f313e23d1673dc12e1703d";

    private static readonly AlibabaCloudCredential Credential = new("LTAI5tBenchmarkKeyId", "BenchmarkSecretValue0123456789");

    private static readonly SendMessageToGroupRequest Group = new()
    {
        AppId = "a1b2c3d4",
        GroupId = "room20260102",
        OperatorUserId = "relay",
        Type = 10001,
        Data = """{"event":"order.paid","orderId":"A-1029","amount":"129.90","text":"Thanks for your order, Zoë! 😀"}""",
        SkipAudit = false,
    };

    private static readonly SendLiveMessageUserRequest User = new()
    {
        AppId = "a1b2c3d4",
        ReceiverId = "user4711",
        SenderId = "relay",
        SenderInfo = """{"nick":"LiveRelay","avatar":"https://example.com/a.png"}""",
        Body = """{"event":"order.paid","orderId":"A-1029","text":"Your order has shipped * tracking 1Z999"}""",
        MsgType = 20001,
        MsgTid = "e3b0c44298fc1c149afbf4c8996fb924",
        DataCenter = "cn-shanghai",
        HighReliability = true,
    };

    [Params(SignatureVersion.V3, SignatureVersion.V1)]
    public SignatureVersion Version { get; set; }

    [Benchmark]
    public SignedLiveApiRequest SendMessageToGroup() =>
        LiveApiRequestSigner.Sign(LiveApiCall.For(Group), Endpoint, Version, Credential, Timestamp, Nonce);

    [Benchmark]
    public SignedLiveApiRequest SendLiveMessageUser() =>
        LiveApiRequestSigner.Sign(LiveApiCall.For(User), Endpoint, Version, Credential, Timestamp, Nonce);
}
