using LiveRelay.AlibabaCloud.Credentials;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LiveRelay.AlibabaCloud.Client;

public static class LiveApiClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ILiveApiClient"/> with a pooled HttpClient from IHttpClientFactory and
    /// <see cref="AlibabaCloudOptions"/> bound from <c>LiveRelay:AlibabaCloud</c>, validated at start-up.
    /// The caller registers an <see cref="IAlibabaCloudCredentialProvider"/>.
    /// </summary>
    public static IServiceCollection AddLiveApiClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<AlibabaCloudOptions>()
            .Bind(configuration.GetSection(AlibabaCloudOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AlibabaCloudOptions>, AlibabaCloudOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient<ILiveApiClient, LiveApiClient>(static client =>
            {
                // Each call has its own timeout (AlibabaCloudOptions.Timeout).
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
                MaxConnectionsPerServer = 256,
                AutomaticDecompression = System.Net.DecompressionMethods.All,
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            // The factory's request logging redacts header values in its message text but hands their raw values
            // (Authorization, x-acs-security-token) to logging providers as structured state at Trace, and V1 carries
            // the token in the query. LiveApiClient logs each answer itself (action, status, time), so the factory's
            // loggers are removed rather than trusted to redact.
            .RemoveAllLoggers();
        return services;
    }
}
