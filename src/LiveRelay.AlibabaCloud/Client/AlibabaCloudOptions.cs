using LiveRelay.AlibabaCloud.Signing;

namespace LiveRelay.AlibabaCloud.Client;

/// <summary>Settings under <c>LiveRelay:AlibabaCloud</c>.</summary>
public sealed class AlibabaCloudOptions
{
    public const string SectionName = "LiveRelay:AlibabaCloud";
    public const string DefaultEndpoint = "https://live.aliyuncs.com";

    /// <summary>The Live API endpoint. Plain http is allowed only for loopback addresses (the emulator).</summary>
    public Uri Endpoint { get; set; } = new(DefaultEndpoint);

    public SignatureVersion SignatureVersion { get; set; } = SignatureVersion.V3;

    /// <summary>One call's time limit, from sending to the end of the answer. Waiting for a rate-limit token is not included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>For local runs and the emulator only; deployments read the key pair from Key Vault.</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>For local runs and the emulator only; deployments read the key pair from Key Vault.</summary>
    public string? AccessKeySecret { get; set; }

    /// <summary>For local runs only: an STS token to send with the key pair.</summary>
    public string? SecurityToken { get; set; }
}
