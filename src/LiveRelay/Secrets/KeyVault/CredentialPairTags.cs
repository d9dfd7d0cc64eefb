namespace LiveRelay.Secrets.KeyVault;

/// <summary>
/// Tags on a version of the access-key-secret secret that name the versions of the other halves it belongs to.
/// The secret half is read first and the other halves at exactly the versions it names, so a pair is always
/// read as written, even while a rotation is half done.
/// </summary>
public static class CredentialPairTags
{
    /// <summary>The version of the access-key-id secret that pairs with this secret version. Required.</summary>
    public const string AccessKeyIdVersion = "accessKeyIdVersion";

    /// <summary>The version of the security-token secret that belongs to this pair. Optional: no tag, no token.</summary>
    public const string SecurityTokenVersion = "securityTokenVersion";
}
