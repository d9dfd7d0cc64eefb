namespace LiveRelay.Testing;

/// <summary>
/// Azurite's queue service (tests/node/node_modules/.bin/azurite-queue) on a free 127.0.0.1 port, and with
/// <see cref="AzuriteQueueServerOptions.TableService"/> its table service (azurite-table) on another, in memory (or in
/// temporary directories), started for a test run and stopped at its end. Both serve the same accounts
/// (<c>AZURITE_ACCOUNTS</c> as the process starts, and the development account).
/// </summary>
public sealed class AzuriteQueueServer : IAsyncDisposable
{
    /// <summary>Azurite's documented development account (the same for every installation).</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>Azurite's documented, public development key: not a secret.</summary>
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly AzuriteProcess _queue;
    private readonly AzuriteProcess? _table;

    private AzuriteQueueServer(AzuriteProcess queue, AzuriteProcess? table)
    {
        _queue = queue;
        _table = table;
    }

    /// <summary>The queue service's port.</summary>
    public int Port => _queue.Port;

    /// <summary>Path-style queue endpoint of the development account, e.g. <c>http://127.0.0.1:PORT/devstoreaccount1</c>.</summary>
    public Uri ServiceUri => _queue.ServiceUri;

    /// <summary>The table service's port.</summary>
    /// <exception cref="InvalidOperationException">The server was started without <see cref="AzuriteQueueServerOptions.TableService"/>.</exception>
    public int TablePort => Table.Port;

    /// <summary>Path-style table endpoint of the development account, e.g. <c>http://127.0.0.1:PORT/devstoreaccount1</c>.</summary>
    /// <exception cref="InvalidOperationException">The server was started without <see cref="AzuriteQueueServerOptions.TableService"/>.</exception>
    public Uri TableServiceUri => Table.ServiceUri;

    public bool HasTableService => _table is not null;

    /// <summary>A connection string for the development account on this instance (with its table endpoint when there is one).</summary>
    public string ConnectionString =>
        DevelopmentConnectionString(ServiceUri) + (_table is null ? string.Empty : $";TableEndpoint={_table.ServiceUri}");

    /// <summary>A connection string for the development account with this queue endpoint (which need not be listening).</summary>
    public static string DevelopmentConnectionString(Uri queueEndpoint)
    {
        ArgumentNullException.ThrowIfNull(queueEndpoint);
        return $"DefaultEndpointsProtocol={queueEndpoint.Scheme};AccountName={DevelopmentAccountName};AccountKey={DevelopmentAccountKey};QueueEndpoint={queueEndpoint}";
    }

    private AzuriteProcess Table =>
        _table ?? throw new InvalidOperationException("This Azurite was started without its table service (AzuriteQueueServerOptions.TableService).");

    public static async Task<AzuriteQueueServer> StartAsync(AzuriteQueueServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AzuriteQueueServerOptions();
        var queue = await AzuriteProcess.StartAsync("queue", options, cancellationToken).ConfigureAwait(false);
        if (!options.TableService)
        {
            return new AzuriteQueueServer(queue, null);
        }

        try
        {
            var table = await AzuriteProcess.StartAsync("table", options, cancellationToken).ConfigureAwait(false);
            return new AzuriteQueueServer(queue, table);
        }
        catch
        {
            await queue.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_table is not null)
        {
            await _table.DisposeAsync().ConfigureAwait(false);
        }

        await _queue.DisposeAsync().ConfigureAwait(false);
    }
}
