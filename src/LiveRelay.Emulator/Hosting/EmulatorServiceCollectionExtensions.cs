using LiveRelay.Emulator.Api;
using LiveRelay.Emulator.Authentication;
using LiveRelay.Emulator.Faults;
using LiveRelay.Emulator.Inspection;
using LiveRelay.Emulator.Messages;
using LiveRelay.Emulator.Settings;
using LiveRelay.Emulator.Throttling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LiveRelay.Emulator.Hosting;

public static class EmulatorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the emulator's services and <see cref="EmulatorOptions"/> bound from the <c>Emulator</c> section,
    /// validated at start-up. Uses the registered <see cref="TimeProvider"/> (the system clock unless one is registered).
    /// </summary>
    public static IServiceCollection AddLiveApiEmulator(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<EmulatorOptions>()
            .Bind(configuration.GetSection(EmulatorOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmulatorOptions>, EmulatorOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<CredentialStore>();
        services.TryAddSingleton<NonceRegistry>();
        services.TryAddSingleton<RequestAuthenticator>();
        services.TryAddSingleton<AccountRateLimiter>();
        services.TryAddSingleton<FaultInjector>();
        services.TryAddSingleton<MessageLog>();
        services.TryAddSingleton<EmulatorStatistics>();
        services.TryAddSingleton<LiveApiRequestHandler>();
        return services;
    }
}
