using Azure.Data.Tables;
using LiveRelay.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveRelay.Delivery.Ledger;

public static class DeliveryLedgerServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="DeliveryLedgerOptions"/> (validated at start-up) and, unless one is registered, the ledger: in Table
    /// Storage (table <see cref="DeliveryLedgerOptions.TableName"/>, shared by every instance) when <c>AzureWebJobsStorage</c>
    /// reaches a table service, otherwise in memory.
    /// </summary>
    public static IServiceCollection AddDeliveryLedger(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DeliveryLedgerOptions>().Bind(configuration.GetSection(DeliveryLedgerOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeliveryLedgerOptions>, DeliveryLedgerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        if (StorageConnection.Read(configuration).Reaches("table") && !services.Any(static d => d.ServiceType == typeof(IDeliveryLedger)))
        {
            services.AddLiveRelayStorage(configuration);
            services.AddTableDeliveryLedger(static provider => provider.GetRequiredService<StorageClientFactory>()
                .CreateTableServiceClient(FailFastTableOptions.Apply).GetTableClient(DeliveryLedgerOptions.TableName));
        }

        services.TryAddSingleton<IDeliveryLedger, InMemoryDeliveryLedger>();
        return services;
    }

    /// <summary>The ledger in Table Storage, on the table <paramref name="table"/> gives (the app's storage account, shared by every instance).</summary>
    public static IServiceCollection AddTableDeliveryLedger(this IServiceCollection services, Func<IServiceProvider, TableClient> table)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(table);
        services.RemoveAll<IDeliveryLedger>();
        services.AddSingleton<IDeliveryLedger>(provider => new TableDeliveryLedger(
            table(provider),
            provider.GetRequiredService<IOptions<DeliveryLedgerOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<TableDeliveryLedger>>()));
        return services;
    }
}
