using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveRelay.Logging;

public static class LogSafetyServiceCollectionExtensions
{
    /// <summary>
    /// Wraps the registered <see cref="ILoggerFactory"/> (call after the host has added logging, as both hosts' builders
    /// do) so that every log line redacts <c>code</c> and <c>LiveRelay:Logging:SecretQueryParameters</c> and escapes CR/LF.
    /// </summary>
    public static IServiceCollection AddLiveRelayLogSafety(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(static d => d.ServiceType == typeof(LogTextSanitizer)))
        {
            return services;
        }

        // Bound when first resolved, so that configuration a host adds after this call counts.
        services.AddOptions<LogSafetyOptions>().Bind(configuration.GetSection(LogSafetyOptions.SectionName));
        services.AddSingleton(static provider => new LogTextSanitizer(
            [LogSafetyOptions.FunctionKeyParameter, .. provider.GetRequiredService<IOptions<LogSafetyOptions>>().Value.SecretQueryParameters]));

        var registered = services.LastOrDefault(static d => d.ServiceType == typeof(ILoggerFactory));
        if (registered is null)
        {
            return services;
        }

        services.Remove(registered);
        services.AddSingleton<ILoggerFactory>(provider => new SafeLoggerFactory(Create(provider, registered), provider.GetRequiredService<LogTextSanitizer>()));
        return services;
    }

    private static ILoggerFactory Create(IServiceProvider provider, ServiceDescriptor registered) =>
        registered.ImplementationInstance as ILoggerFactory
        ?? registered.ImplementationFactory?.Invoke(provider) as ILoggerFactory
        ?? (ILoggerFactory)ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!);
}
