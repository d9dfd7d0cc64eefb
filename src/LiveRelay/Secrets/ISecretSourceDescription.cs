namespace LiveRelay.Secrets;

/// <summary>Says where a secret is looked up, for error messages that tell an operator what to fix.</summary>
internal interface ISecretSourceDescription
{
    /// <summary>E.g. "secret 'github-webhook' in Key Vault https://v.vault.azure.net/". Never includes a value.</summary>
    string Describe(string secretName);

    Uri? VaultUri { get; }
}
