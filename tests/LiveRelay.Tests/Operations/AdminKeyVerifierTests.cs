using LiveRelay.Operations;
using LiveRelay.Operations.Access;
using LiveRelay.Secrets;
using LiveRelay.Secrets.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace LiveRelay.Tests.Operations;

public sealed class AdminKeyVerifierTests
{
    private const string Key = "AdminKey0123456789abcdef";

    [Fact]
    public async Task A_configured_key_is_granted_and_a_wrong_or_missing_one_is_not()
    {
        var verifier = Verifier(Environments.Production, keys: ["other-key", Key]);

        Assert.Equal(AdminAccess.Granted, await verifier.VerifyAsync(Key, isLoopback: false));
        Assert.Equal(AdminAccess.Granted, await verifier.VerifyAsync("other-key", isLoopback: false));
        Assert.Equal(AdminAccess.Unauthorized, await verifier.VerifyAsync(Key + "x", isLoopback: true));
        Assert.Equal(AdminAccess.Unauthorized, await verifier.VerifyAsync(Key[..^1], isLoopback: true));
        Assert.Equal(AdminAccess.Unauthorized, await verifier.VerifyAsync(null, isLoopback: true));
        Assert.Equal(AdminAccess.Unauthorized, await verifier.VerifyAsync(string.Empty, isLoopback: true));
    }

    [Theory]
    [InlineData("Development", true, AdminAccess.Open)]
    [InlineData("Development", false, AdminAccess.Disabled)]
    [InlineData("Production", true, AdminAccess.Disabled)]
    [InlineData("Staging", false, AdminAccess.Disabled)]
    public async Task Without_a_key_the_api_is_open_only_to_loopback_in_Development(string environment, bool loopback, AdminAccess expected)
    {
        var verifier = Verifier(environment);

        Assert.False(verifier.HasKeys);
        Assert.Equal(expected, await verifier.VerifyAsync(Key, loopback));
    }

    [Fact]
    public async Task A_key_in_a_secret_is_read_through_the_secret_provider_and_a_rotated_value_replaces_it()
    {
        var settings = new Dictionary<string, string?> { ["LiveRelay:Secrets:admin-key"] = Key };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var verifier = Verifier(Environments.Production, secretNames: ["admin-key"], configuration: configuration);

        Assert.Equal(AdminAccess.Granted, await verifier.VerifyAsync(Key, isLoopback: false));

        configuration["LiveRelay:Secrets:admin-key"] = "RotatedAdminKey987";

        Assert.Equal(AdminAccess.Unauthorized, await verifier.VerifyAsync(Key, isLoopback: false));
        Assert.Equal(AdminAccess.Granted, await verifier.VerifyAsync("RotatedAdminKey987", isLoopback: false));
    }

    [Fact]
    public async Task A_named_secret_that_cannot_be_read_closes_the_api_even_on_loopback_in_Development()
    {
        var verifier = Verifier(Environments.Development, secretNames: ["admin-key"]);

        Assert.True(verifier.HasKeys);
        Assert.Equal(AdminAccess.KeysUnavailable, await verifier.VerifyAsync(Key, isLoopback: true));
    }

    [Fact]
    public void A_secret_name_the_vault_could_not_hold_is_refused_naming_the_setting()
    {
        var options = new AdminOptions();
        options.KeySecretNames.Add("admin_key");

        var result = new AdminOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("LiveRelay:Admin:KeySecretNames:0 ('admin_key')", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_bind_from_configuration_by_index_or_by_name_through_the_registration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LiveRelay:Admin:Keys:0"] = Key,
            ["LiveRelay:Admin:Keys:ops"] = "NamedAdminKey42",
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = Environments.Production })
            .AddSingleton<ISecretProvider>(new ConfigurationSecretProvider(configuration))
            .AddLiveRelayOperations(configuration);
        using var provider = services.BuildServiceProvider();
        var verifier = provider.GetRequiredService<AdminKeyVerifier>();

        Assert.Equal(AdminAccess.Granted, await verifier.VerifyAsync(Key, isLoopback: false));
        Assert.Equal(AdminAccess.Granted, await verifier.VerifyAsync("NamedAdminKey42", isLoopback: false));
        Assert.Equal(AdminAccess.Unauthorized, await verifier.VerifyAsync("ops", isLoopback: false));
    }

    private static AdminKeyVerifier Verifier(
        string environment, string[]? keys = null, string[]? secretNames = null, IConfiguration? configuration = null)
    {
        var options = new AdminOptions();
        foreach (var (key, index) in (keys ?? []).Select(static (k, i) => (k, i)))
        {
            options.Keys[index.ToString(System.Globalization.CultureInfo.InvariantCulture)] = key;
        }

        options.KeySecretNames.AddRange(secretNames ?? []);
        var hostEnvironment = new HostingEnvironment { EnvironmentName = environment };
        ISecretProvider secrets = new ConfigurationSecretProvider(configuration ?? new ConfigurationBuilder().Build(), environment: hostEnvironment);
        return new AdminKeyVerifier(Options.Create(options), secrets, hostEnvironment);
    }
}
