using LiveRelay.Operations.Access;
using LiveRelay.Operations.Http;
using LiveRelay.Operations.Poison;
using LiveRelay.Operations.Readiness;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LiveRelay.Operations;

public static class OperationsServiceCollectionExtensions
{
    /// <summary>
    /// The admin API and readiness: <see cref="AdminKeyVerifier"/> with <see cref="AdminOptions"/> (<c>LiveRelay:Admin</c>,
    /// validated at start-up), <see cref="PoisonQueueService"/>, <see cref="ReadinessChecker"/> and <see cref="AdminApi"/>.
    /// The host registers the queues (<see cref="Queues.QueueServiceCollectionExtensions.AddMessageQueues"/>).
    /// </summary>
    public static IServiceCollection AddLiveRelayOperations(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AdminKeyVerifier>();
        services.TryAddSingleton<PoisonQueueService>();
        services.TryAddSingleton<ReadinessChecker>();
        services.TryAddSingleton<AdminApi>();
        return services;
    }
}
