namespace LiveRelay.Secrets;

/// <summary>
/// Named secrets (webhook signing secrets, the Alibaba Cloud key pair): from Key Vault in Azure, from
/// configuration for local runs. Implementations cache, and never log or print values.
/// </summary>
public interface ISecretProvider
{
    /// <summary>The secret's current value, or null when no secret of that name exists.</summary>
    ValueTask<string?> GetSecretAsync(string name, CancellationToken cancellationToken = default);
}
