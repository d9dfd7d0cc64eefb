using LiveRelay.AlibabaCloud.Credentials;

namespace LiveRelay.Secrets.KeyVault;

/// <summary>A key pair as read from the vault, with the versions it was read at. Prints no secret.</summary>
internal sealed record CredentialSnapshot(
    AlibabaCloudCredential Credential,
    string SecretVersion,
    string AccessKeyIdVersion,
    string? SecurityTokenVersion,
    DateTimeOffset ReadAt)
{
    public bool SameVersionsAs(CredentialSnapshot? other) =>
        other is not null
        && other.SecretVersion == SecretVersion
        && other.AccessKeyIdVersion == AccessKeyIdVersion
        && other.SecurityTokenVersion == SecurityTokenVersion;
}
