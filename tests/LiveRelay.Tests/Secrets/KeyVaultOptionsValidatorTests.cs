using LiveRelay.Secrets.KeyVault;

namespace LiveRelay.Tests.Secrets;

public sealed class KeyVaultOptionsValidatorTests
{
    private readonly KeyVaultOptionsValidator _validator = new();

    [Fact]
    public void Defaults_are_valid_with_and_without_a_vault()
    {
        Assert.True(_validator.Validate(null, new KeyVaultOptions()).Succeeded);
        Assert.True(_validator.Validate(null, new KeyVaultOptions
        {
            Uri = new Uri("https://my-vault.vault.azure.net/"),
            ManagedIdentityClientId = "6c2a1a5e-7a35-4b4e-9a8c-0d1e2f3a4b5c",
            SecurityTokenSecretName = string.Empty,
        }).Succeeded);
    }

    [Fact]
    public void The_defaults_are_the_documented_names_and_intervals()
    {
        var options = new KeyVaultOptions();

        Assert.Equal(("alibaba-access-key-id", "alibaba-access-key-secret", "alibaba-security-token"),
            (options.AccessKeyIdSecretName, options.AccessKeySecretSecretName, options.SecurityTokenSecretName));
        Assert.Equal(TimeSpan.FromMinutes(5), options.RefreshInterval);
        Assert.Equal("LiveRelay:KeyVault", KeyVaultOptions.SectionName);
    }

    public static TheoryData<string, Action<KeyVaultOptions>> Broken => new()
    {
        { "LiveRelay:KeyVault:Uri must be an absolute https URI", o => o.Uri = new Uri("http://my-vault.vault.azure.net/") },
        { "LiveRelay:KeyVault:Uri must be an absolute https URI", o => o.Uri = new Uri("my-vault", UriKind.Relative) },
        { "LiveRelay:KeyVault:ManagedIdentityClientId must be the client id (a GUID)", o => o.ManagedIdentityClientId = "my-identity" },
        { "LiveRelay:KeyVault:AccessKeyIdSecretName must be 1 to 127 letters, digits and dashes", o => o.AccessKeyIdSecretName = string.Empty },
        { "LiveRelay:KeyVault:AccessKeySecretSecretName must be 1 to 127 letters, digits and dashes", o => o.AccessKeySecretSecretName = "under_score" },
        { "LiveRelay:KeyVault:SecurityTokenSecretName must be 1 to 127 letters, digits and dashes", o => o.SecurityTokenSecretName = new string('a', 128) },
        { "must name different secrets", o => o.AccessKeySecretSecretName = "ALIBABA-access-key-id" },
        { "LiveRelay:KeyVault:RefreshInterval must be between 00:00:10 and 1.00:00:00", o => { o.RefreshInterval = TimeSpan.FromSeconds(1); o.MinimumRefreshInterval = TimeSpan.Zero; } },
        { "LiveRelay:KeyVault:MinimumRefreshInterval must be between zero and LiveRelay:KeyVault:RefreshInterval", o => o.MinimumRefreshInterval = TimeSpan.FromMinutes(6) },
        { "LiveRelay:KeyVault:ReadTimeout must be greater than zero", o => o.ReadTimeout = TimeSpan.Zero },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Names_the_setting_and_the_rule(string expected, Action<KeyVaultOptions> breakIt)
    {
        ArgumentNullException.ThrowIfNull(breakIt);
        var options = new KeyVaultOptions();
        breakIt(options);

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
    }
}
