using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveRelay.Delivery.Ledger;

/// <summary>
/// The ledger in the app's storage account (Azure Table Storage; Azurite locally), shared by every instance. One entity
/// per delivered id: partition = the retention bucket it was recorded in, row = a hash of the id (any id, whatever its
/// characters, makes a valid key). A check is two point reads (this bucket and the one before); the cleanup deletes the
/// partitions older than that, once per bucket per process, so it costs one delete per delivered message, a day later.
/// </summary>
public sealed partial class TableDeliveryLedger : IDeliveryLedger
{
    private readonly TableClient _table;
    private readonly TimeProvider _timeProvider;
    private readonly LedgerBuckets _buckets;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _created = new(1, 1);
    private volatile bool _exists;
    private long _cleanedBucket = long.MinValue;

    public TableDeliveryLedger(TableClient table, IOptions<DeliveryLedgerOptions> options, TimeProvider timeProvider, ILogger<TableDeliveryLedger>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _table = table ?? throw new ArgumentNullException(nameof(table));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _buckets = new LedgerBuckets(options.Value.Retention);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public async ValueTask<bool> WasDeliveredAsync(string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var row = RowKey(messageId);
        var now = _buckets.At(_timeProvider.GetUtcNow());
        var current = _table.GetEntityIfExistsAsync<TableEntity>(LedgerBuckets.Key(now), row, [nameof(ITableEntity.RowKey)], cancellationToken);
        var previous = _table.GetEntityIfExistsAsync<TableEntity>(LedgerBuckets.Key(now - 1), row, [nameof(ITableEntity.RowKey)], cancellationToken);
        return (await current.ConfigureAwait(false)).HasValue || (await previous.ConfigureAwait(false)).HasValue;
    }

    public async ValueTask RecordAsync(string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var now = _buckets.At(_timeProvider.GetUtcNow());
        await _table.UpsertEntityAsync(new TableEntity(LedgerBuckets.Key(now), RowKey(messageId)), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

        var cleaned = Interlocked.Read(ref _cleanedBucket);
        if (cleaned < now && Interlocked.CompareExchange(ref _cleanedBucket, now, cleaned) == cleaned)
        {
            await CleanUpAsync(now, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes every entity of the buckets older than the two a check reads. Returns how many went.</summary>
    internal async Task<int> CleanUpAsync(long currentBucket, CancellationToken cancellationToken)
    {
        var deleted = 0;
        try
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey lt {LedgerBuckets.Key(currentBucket - 1)}");
            var batch = new List<TableTransactionAction>(100);
            string? partition = null;
            await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: [nameof(ITableEntity.PartitionKey), nameof(ITableEntity.RowKey)], cancellationToken).ConfigureAwait(false))
            {
                // A transaction holds up to 100 actions, all in one partition.
                if (batch.Count == 100 || (partition is not null && partition != entity.PartitionKey))
                {
                    deleted += await DeleteAsync(batch, cancellationToken).ConfigureAwait(false);
                }

                partition = entity.PartitionKey;
                batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, entity, ETag.All));
            }

            deleted += await DeleteAsync(batch, cancellationToken).ConfigureAwait(false);
            if (deleted > 0)
            {
                LogCleanedUp(_logger, deleted);
            }
        }
        catch (RequestFailedException ex)
        {
            // The next bucket's first record tries again; until then old entities only cost storage.
            LogCleanupFailed(_logger, ex.Status, ex.ErrorCode);
        }

        return deleted;
    }

    private async Task<int> DeleteAsync(List<TableTransactionAction> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        var count = batch.Count;
        await _table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
        batch.Clear();
        return count;
    }

    private async ValueTask EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (_exists)
        {
            return;
        }

        await _created.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_exists)
            {
                await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                _exists = true;
            }
        }
        finally
        {
            _created.Release();
        }
    }

    private static string RowKey(string messageId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery ledger cleanup removed {Count} ids older than the retention")]
    private static partial void LogCleanedUp(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery ledger cleanup failed (HTTP {Status} {Code}); it is tried again with the next bucket")]
    private static partial void LogCleanupFailed(ILogger logger, int status, string? code);
}
