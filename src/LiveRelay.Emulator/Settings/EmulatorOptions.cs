namespace LiveRelay.Emulator.Settings;

/// <summary>Settings under <c>Emulator</c>: who may call, which apps exist, how fast, and what goes wrong on purpose.</summary>
public sealed class EmulatorOptions
{
    public const string SectionName = "Emulator";

    /// <summary>The development key pair the emulator accepts when nothing else is configured. Not a secret.</summary>
    public const string DefaultAccessKeyId = "emulator-key-id";

    /// <summary>The development key pair the emulator accepts when nothing else is configured. Not a secret.</summary>
    public const string DefaultAccessKeySecret = "emulator-key-secret";

    public const string DefaultHostId = "live.aliyuncs.com";

    /// <summary>The primary AccessKey ID. Set it and <see cref="AccessKeySecret"/> to empty to accept only <see cref="Credentials"/>.</summary>
    public string? AccessKeyId { get; set; } = DefaultAccessKeyId;

    public string? AccessKeySecret { get; set; } = DefaultAccessKeySecret;

    /// <summary>When set, the primary key pair acts as an STS credential: every call must carry this token.</summary>
    public string? SecurityToken { get; set; }

    /// <summary>More key pairs (optionally STS) of the same account, e.g. for key rotation tests.</summary>
    public IList<EmulatorCredentialOptions> Credentials { get; } = new List<EmulatorCredentialOptions>();

    /// <summary>The interactive messaging apps that exist. Empty: every AppId exists.</summary>
    public IList<string> Apps { get; } = new List<string>();

    /// <summary>How far a request's timestamp may be from the emulator's clock, either way. Also how long a nonce is remembered.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The <c>HostId</c> every answer carries.</summary>
    public string HostId { get; set; } = DefaultHostId;

    /// <summary>At most this many accepted messages are kept for inspection; the oldest are dropped first.</summary>
    public int MaxRecordedMessages { get; set; } = 100_000;

    public RateLimitOptions RateLimits { get; set; } = new();

    public FaultOptions Faults { get; set; } = new();
}
