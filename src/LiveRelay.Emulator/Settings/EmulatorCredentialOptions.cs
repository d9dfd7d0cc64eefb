namespace LiveRelay.Emulator.Settings;

/// <summary>One more key pair the emulator accepts (<c>Emulator:Credentials:N:...</c>).</summary>
public sealed class EmulatorCredentialOptions
{
    public string? AccessKeyId { get; set; }

    public string? AccessKeySecret { get; set; }

    /// <summary>When set, this key pair acts as an STS credential: every call must carry this token.</summary>
    public string? SecurityToken { get; set; }
}
