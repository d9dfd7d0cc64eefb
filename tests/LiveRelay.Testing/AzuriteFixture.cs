using Xunit;

namespace LiveRelay.Testing;

/// <summary>
/// One plain-HTTP Azurite queue service and table service (<see cref="AzuriteQueueServer.TableServiceUri"/>) shared by a
/// test collection (declare it with ICollectionFixture in the test assembly).
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteQueueServer? _server;

    public AzuriteQueueServer Server => _server ?? throw new InvalidOperationException("Azurite has not started.");

    public async Task InitializeAsync() => _server = await AzuriteQueueServer.StartAsync(new AzuriteQueueServerOptions { TableService = true }).ConfigureAwait(false);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
