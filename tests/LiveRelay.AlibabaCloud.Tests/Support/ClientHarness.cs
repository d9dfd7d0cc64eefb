using LiveRelay.AlibabaCloud.Client;
using LiveRelay.AlibabaCloud.Credentials;
using LiveRelay.AlibabaCloud.Signing;

namespace LiveRelay.AlibabaCloud.Tests.Support;

/// <summary>A real <see cref="LiveApiClient"/> over a real socket handler, pointed at a loopback endpoint.</summary>
public sealed class ClientHarness : IDisposable
{
    public const string AccessKeyId = "LTAI5tTestKeyId";
    public const string AccessKeySecret = "TestSecret-do-not-leak-7f3a";
    public const string SecurityToken = "CAIS-test-sts-token-do-not-leak-91b2";

    private readonly HttpClient _httpClient;

    public ClientHarness(
        Uri endpoint,
        SignatureVersion version = SignatureVersion.V3,
        bool withSecurityToken = false,
        TimeSpan? timeout = null,
        TimeProvider? timeProvider = null)
    {
        Credential = new AlibabaCloudCredential(AccessKeyId, AccessKeySecret, withSecurityToken ? SecurityToken : null);
        Options = new AlibabaCloudOptions
        {
            Endpoint = endpoint,
            SignatureVersion = version,
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
        };
        _httpClient = new HttpClient(new SocketsHttpHandler()) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        Client = new LiveApiClient(_httpClient, new StaticCredentialProvider(Credential), Microsoft.Extensions.Options.Options.Create(Options), timeProvider);
    }

    public AlibabaCloudCredential Credential { get; }

    public AlibabaCloudOptions Options { get; }

    public LiveApiClient Client { get; }

    public void Dispose() => _httpClient.Dispose();
}
