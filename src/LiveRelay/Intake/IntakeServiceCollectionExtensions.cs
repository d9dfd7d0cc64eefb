using LiveRelay.Hosting.Preview;
using LiveRelay.Intake.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LiveRelay.Intake;

public static class IntakeServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IntakeService"/> with <see cref="SourcesOptions"/> (<c>LiveRelay:Sources</c>) and
    /// <see cref="IntakeOptions"/> (<c>LiveRelay:Intake</c>), both validated at start-up with messages naming the
    /// offending key, and <see cref="PayloadPreviewer"/>. The caller registers an <see cref="Secrets.ISecretProvider"/> for the sources' signing secrets.
    /// </summary>
    public static IServiceCollection AddLiveRelayIntake(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<SourcesOptions>()
            .Configure(options => SourcesConfiguration.Bind(configuration, options))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SourcesOptions>, SourcesOptionsValidator>());

        services.AddOptions<IntakeOptions>()
            .Bind(configuration.GetSection(IntakeOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IntakeOptions>, IntakeOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IntakeService>();
        services.TryAddSingleton<PayloadPreviewer>();
        return services;
    }
}
