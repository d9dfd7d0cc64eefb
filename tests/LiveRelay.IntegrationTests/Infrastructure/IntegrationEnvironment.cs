using LiveRelay.Testing;

namespace LiveRelay.IntegrationTests.Infrastructure;

/// <summary>
/// Azurite's queue and table services with a fresh storage account for every test (so no test sees another's messages), and the
/// Live API emulator in-process on 127.0.0.1, both stopped when the collection ends.
/// </summary>
public sealed class IntegrationEnvironment : IAsyncLifetime
{
    private const string AzuriteAccountsVariable = "AZURITE_ACCOUNTS";

    private int _accountsUsed;
    private AzuriteQueueServer? _azurite;
    private EmulatorServer? _emulator;

    public AzuriteQueueServer Azurite => _azurite ?? throw new InvalidOperationException("Azurite has not started.");

    /// <summary>Shared by the collection; <see cref="EmulatorServer.Reset"/> it at the start of a test.</summary>
    public EmulatorServer Emulator => _emulator ?? throw new InvalidOperationException("The emulator has not started.");

    /// <summary>A storage account no other test uses.</summary>
    public StorageAccount NewStorageAccount()
    {
        var number = Interlocked.Increment(ref _accountsUsed);
        if (number > StorageAccount.Count)
        {
            throw new InvalidOperationException($"Only {StorageAccount.Count} storage accounts are configured in Azurite; raise StorageAccount.Count.");
        }

        return StorageAccount.Numbered(number, Azurite.Port, Azurite.TablePort);
    }

    public async Task InitializeAsync()
    {
        // Azurite reads its accounts from the environment it starts with; the tests run one at a time, so setting it
        // for the start and restoring it affects nothing else.
        var previous = Environment.GetEnvironmentVariable(AzuriteAccountsVariable);
        Environment.SetEnvironmentVariable(AzuriteAccountsVariable, StorageAccount.AzuriteAccountsSetting());
        try
        {
            _azurite = await AzuriteQueueServer.StartAsync(new AzuriteQueueServerOptions { InMemoryPersistence = false, TableService = true });
        }
        finally
        {
            Environment.SetEnvironmentVariable(AzuriteAccountsVariable, previous);
        }

        _emulator = await EmulatorServer.StartAsync(EmulatorServer.FastLimits);
    }

    public async Task DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
