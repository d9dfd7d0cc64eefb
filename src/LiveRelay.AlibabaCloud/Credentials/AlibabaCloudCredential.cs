namespace LiveRelay.AlibabaCloud.Credentials;

/// <summary>An AccessKey pair, optionally with an STS security token.</summary>
/// <remarks>
/// <see cref="ToString"/> and record printing never include the secret or the token, so a credential
/// that ends up in a log line or an exception message leaks nothing.
/// </remarks>
public sealed record AlibabaCloudCredential
{
    public AlibabaCloudCredential(string accessKeyId, string accessKeySecret, string? securityToken = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessKeyId);
        ArgumentException.ThrowIfNullOrWhiteSpace(accessKeySecret);
        AccessKeyId = accessKeyId;
        AccessKeySecret = accessKeySecret;
        SecurityToken = string.IsNullOrEmpty(securityToken) ? null : securityToken;
    }

    public string AccessKeyId { get; }

    public string AccessKeySecret { get; }

    public string? SecurityToken { get; }

    public override string ToString() =>
        $"AlibabaCloudCredential {{ AccessKeyId = {AccessKeyId}, AccessKeySecret = ***, SecurityToken = {(SecurityToken is null ? "none" : "***")} }}";

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("AccessKeyId = ").Append(AccessKeyId).Append(", AccessKeySecret = ***");
        return true;
    }
}
