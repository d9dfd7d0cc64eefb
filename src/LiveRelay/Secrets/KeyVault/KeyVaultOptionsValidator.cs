using Microsoft.Extensions.Options;

namespace LiveRelay.Secrets.KeyVault;

/// <summary>Rejects Key Vault settings that could only fail later, naming the setting and the rule.</summary>
public sealed class KeyVaultOptionsValidator : IValidateOptions<KeyVaultOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyVaultOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string prefix = KeyVaultOptions.SectionName;

        if (options.Uri is { } uri && (!uri.IsAbsoluteUri || uri.Scheme != System.Uri.UriSchemeHttps))
        {
            // The bearer token policy refuses to send a token over plain http.
            failures.Add($"{prefix}:Uri must be an absolute https URI (e.g. https://my-vault.vault.azure.net/).");
        }

        if (!string.IsNullOrEmpty(options.ManagedIdentityClientId) && !Guid.TryParse(options.ManagedIdentityClientId, out _))
        {
            failures.Add($"{prefix}:ManagedIdentityClientId must be the client id (a GUID) of a user-assigned managed identity.");
        }

        CheckName(failures, nameof(KeyVaultOptions.AccessKeyIdSecretName), options.AccessKeyIdSecretName, required: true);
        CheckName(failures, nameof(KeyVaultOptions.AccessKeySecretSecretName), options.AccessKeySecretSecretName, required: true);
        CheckName(failures, nameof(KeyVaultOptions.SecurityTokenSecretName), options.SecurityTokenSecretName, required: false);

        var names = new[] { options.AccessKeyIdSecretName, options.AccessKeySecretSecretName, options.SecurityTokenSecretName }
            .Where(static n => !string.IsNullOrEmpty(n));
        if (names.GroupBy(static n => n, StringComparer.OrdinalIgnoreCase).Any(static g => g.Count() > 1))
        {
            failures.Add($"{prefix}:AccessKeyIdSecretName, :AccessKeySecretSecretName and :SecurityTokenSecretName must name different secrets.");
        }

        if (options.RefreshInterval < TimeSpan.FromSeconds(10) || options.RefreshInterval > TimeSpan.FromDays(1))
        {
            failures.Add($"{prefix}:RefreshInterval must be between 00:00:10 and 1.00:00:00.");
        }

        if (options.MinimumRefreshInterval < TimeSpan.Zero || options.MinimumRefreshInterval > options.RefreshInterval)
        {
            failures.Add($"{prefix}:MinimumRefreshInterval must be between zero and {prefix}:RefreshInterval.");
        }

        if (options.ReadTimeout <= TimeSpan.Zero || options.ReadTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{prefix}:ReadTimeout must be greater than zero and at most 5 minutes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckName(List<string> failures, string setting, string? value, bool required)
    {
        if (string.IsNullOrEmpty(value) ? required : !SecretNameRules.IsValid(value))
        {
            failures.Add($"{KeyVaultOptions.SectionName}:{setting} must be 1 to {SecretNameRules.MaxLength} letters, digits and dashes.");
        }
    }
}
