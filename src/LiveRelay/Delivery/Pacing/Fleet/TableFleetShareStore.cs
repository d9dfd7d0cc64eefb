using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace LiveRelay.Delivery.Pacing.Fleet;

/// <summary>
/// Shares kept in Azure Table Storage (the app's own storage account): one entity per operation in partition
/// <see cref="PartitionKey"/>, its holders as JSON, replaced with <c>If-Match</c> on its ETag. The table is created on
/// first use if the deployment has not made it. One entity's 64 KiB property holds about 250 holders' leases.
/// </summary>
public sealed class TableFleetShareStore : IFleetShareStore
{
    public const string PartitionKey = "pacing";

    private const string HoldersProperty = "Holders";
    private const string PausedUntilProperty = "PausedUntil";

    private readonly Lazy<TableClient> _client;
    private readonly string _description;

    public TableFleetShareStore(TableClient table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _client = new(table);
        _description = Describe(table);
    }

    /// <param name="table">Makes the client on first use: settings it cannot use fail each renewal (the process then paces at its fallback share, saying why) instead of the start.</param>
    /// <param name="tableName">The table's name, for <see cref="Description"/>.</param>
    public TableFleetShareStore(Func<TableClient> table, string tableName)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        _client = new(table, LazyThreadSafetyMode.PublicationOnly);
        _description = $"table '{tableName}'";
    }

    public string Description => _client.IsValueCreated ? Describe(_client.Value) : _description;

    private TableClient Table => _client.Value;

    public async Task<FleetShareSnapshot> ReadAsync(string operation, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(PartitionKey, operation, cancellationToken: cancellationToken).ConfigureAwait(false);
        var storeTime = response.GetRawResponse().Headers.Date;
        if (!response.HasValue || response.Value is not { } entity)
        {
            return new FleetShareSnapshot(FleetShareState.Empty, null, storeTime);
        }

        var state = new FleetShareState(ReadHolders(entity.GetString(HoldersProperty)), entity.GetDateTimeOffset(PausedUntilProperty));
        return new FleetShareSnapshot(state, entity.ETag.ToString(), storeTime);
    }

    public Task<bool> TryReplaceAsync(string operation, FleetShareState state, string? expectedETag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        ArgumentNullException.ThrowIfNull(state);
        return TryReplaceAsync(operation, state, expectedETag, createTable: true, cancellationToken);
    }

    private async Task<bool> TryReplaceAsync(string operation, FleetShareState state, string? expectedETag, bool createTable, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(PartitionKey, operation)
        {
            [HoldersProperty] = JsonSerializer.Serialize([.. state.Holders], FleetShareJsonContext.Default.FleetShareHolderArray),
            [PausedUntilProperty] = state.PausedUntil,
        };
        try
        {
            if (expectedETag is null)
            {
                await Table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await Table.UpdateEntityAsync(entity, new ETag(expectedETag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && expectedETag is null && createTable)
        {
            // No table yet (the deployment makes it; a local run may not have): make it, and write again.
            await Table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            return await TryReplaceAsync(operation, state, expectedETag, createTable: false, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    private static string Describe(TableClient table) => $"table '{table.Name}' at {table.Uri.GetLeftPart(UriPartial.Authority)}";

    // A record no process could have written (edited by hand, or by a future version) is treated as empty: it is replaced.
    private static FleetShareHolder[] ReadHolders(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        try
        {
            var holders = JsonSerializer.Deserialize(json, FleetShareJsonContext.Default.FleetShareHolderArray) ?? [];
            return Array.TrueForAll(holders, static h => h is { ProcessId.Length: > 0 } && double.IsFinite(h.Demand) && double.IsFinite(h.Granted) && h.Granted >= 0) ? holders : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
