using LiveRelay.Delivery.Pacing;
using LiveRelay.Delivery.Pacing.Fleet;
using LiveRelay.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveRelay.Operations.Status;

public static class OperationsStatusServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="OperationsStatusService"/> and <see cref="OperationsStatusApi"/> for the operations page and
    /// <c>GET /api/manage/status</c>. Needs the admin API's <see cref="Access.AdminKeyVerifier"/>
    /// (<see cref="OperationsServiceCollectionExtensions.AddLiveRelayOperations"/>),
    /// delivery (<see cref="Delivery.DeliveryServiceCollectionExtensions.AddLiveRelayDelivery"/>, which records the
    /// <see cref="DeliveryActivity"/>) and an <see cref="IMessageQueueFactory"/> for the backlogs.
    /// </summary>
    public static IServiceCollection AddLiveRelayOperationsStatus(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DeliveryActivity>();
        services.TryAddSingleton(static sp => new OperationsStatusService(
            sp.GetRequiredService<DeliveryActivity>(),
            sp.GetRequiredService<DeliveryPacing>(),
            sp.GetRequiredService<IMessageQueueFactory>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<FleetPacingCoordinator>()));
        services.TryAddSingleton<OperationsStatusApi>();
        return services;
    }
}
