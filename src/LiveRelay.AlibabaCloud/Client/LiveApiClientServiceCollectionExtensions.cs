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
            // Authorization and x-acs-security-token are credentials. (The factory's logging also redacts query
            // strings, where V1 carries the token, unless System.Net.Http.DisableUriRedaction is switched on.)
            .RedactLoggedHeaders(static _ => true);
        return services;
    }
}
