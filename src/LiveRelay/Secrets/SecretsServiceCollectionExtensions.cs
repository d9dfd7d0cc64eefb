using Azure.Security.KeyVault.Secrets;
using LiveRelay.AlibabaCloud.Client;
using LiveRelay.AlibabaCloud.Credentials;
using LiveRelay.Secrets.Configuration;
using LiveRelay.Secrets.KeyVault;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LiveRelay.Secrets;

public static class SecretsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IAlibabaCloudCredentialProvider"/> and <see cref="ISecretProvider"/>, chosen by settings:
    /// with <c>LiveRelay:KeyVault:Uri</c> set, both read from that vault (cached, refreshed in the background, last
    /// good value kept through outages); without it, from configuration (<c>LiveRelay:AlibabaCloud:AccessKeyId</c>,
    /// <c>:AccessKeySecret</c>, <c>:SecurityToken</c>; <c>LiveRelay:Secrets:&lt;name&gt;</c>), with a warning outside
    /// Development. Also registers a hosted service that reads the key pair and the required secrets at start-up and
    /// refreshes the caches. A <see cref="SecretClient"/> registered before this call is used instead of one built
    /// from the settings (tests point one at a local vault).
    /// </summary>
    public static IServiceCollection AddLiveRelaySecrets(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<KeyVaultOptions>()
            .Bind(configuration.GetSection(KeyVaultOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KeyVaultOptions>, KeyVaultOptionsValidator>());
        services.AddOptions<RequiredSecretsOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SecretsStatus>();

        if (IsKeyVaultConfigured(configuration))
        {
            services.TryAddSingleton(static sp => KeyVaultSecretClientFactory.Create(sp.GetRequiredService<IOptions<KeyVaultOptions>>().Value));
            services.TryAddSingleton<KeyVaultCredentialProvider>();
            services.TryAddSingleton<KeyVaultSecretProvider>();
            services.TryAddSingleton<IAlibabaCloudCredentialProvider>(static sp => sp.GetRequiredService<KeyVaultCredentialProvider>());
            services.TryAddSingleton<ISecretProvider>(static sp => sp.GetRequiredService<KeyVaultSecretProvider>());
        }
        else
        {
            services.TryAddSingleton<IAlibabaCloudCredentialProvider, ConfigurationCredentialProvider>();
            services.TryAddSingleton<ISecretProvider, ConfigurationSecretProvider>();
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SecretsRefreshService>());
        return services;
    }

    /// <summary>A secret that must exist at start-up (e.g. a webhook source's signing secret).</summary>
    public static IServiceCollection AddRequiredSecret(this IServiceCollection services, string name)
    {
        ArgumentNullException.ThrowIfNull(services);
        SecretNameRules.ThrowIfInvalid(name);
        services.Configure<RequiredSecretsOptions>(options => options.Names.Add(name));
        return services;
    }

    /// <summary>Whether the settings choose Key Vault (<c>LiveRelay:KeyVault:Uri</c> is set).</summary>
    public static bool IsKeyVaultConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration[$"{KeyVaultOptions.SectionName}:{nameof(KeyVaultOptions.Uri)}"]);
    }
}
