using LiveRelay.Secrets;
using Microsoft.Extensions.Options;

namespace LiveRelay.Operations.Access;

/// <summary>Refuses a secret name the vault could not hold, naming the setting.</summary>
internal sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.KeySecretNames
            .Select((secret, index) => (secret, index))
            .Where(static s => !SecretNameRules.IsValid(s.secret))
            .Select(static s => $"{AdminOptions.SectionName}:{nameof(AdminOptions.KeySecretNames)}:{s.index} ('{s.secret}') is not a valid secret name: " +
                $"1 to {SecretNameRules.MaxLength} letters, digits and dashes.")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
