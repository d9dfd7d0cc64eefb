using System.Buffers;

namespace LiveRelay.Secrets;

/// <summary>
/// Key Vault's rule for secret names: 1 to 127 letters, digits and dashes. Configuration-backed secrets follow the
/// same rule, so a name that works locally also works against a vault.
/// </summary>
public static class SecretNameRules
{
    public const int MaxLength = 127;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");

    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxLength && !name.AsSpan().ContainsAnyExcept(Allowed);

    public static void ThrowIfInvalid(string? name, string? paramName = null)
    {
        if (!IsValid(name))
        {
            throw new ArgumentException(
                $"A secret name must be 1 to {MaxLength} letters, digits and dashes; '{name}' is not.", paramName ?? nameof(name));
        }
    }
}
