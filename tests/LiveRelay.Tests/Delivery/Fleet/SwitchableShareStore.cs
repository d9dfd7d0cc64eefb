using Azure;
using LiveRelay.Delivery.Pacing.Fleet;

namespace LiveRelay.Tests.Delivery.Fleet;

/// <summary>One process's way to a shared store, which a test can cut (the storage account unreachable from it).</summary>
internal sealed class SwitchableShareStore(IFleetShareStore inner) : IFleetShareStore
{
    public bool Unreachable { get; set; }

    /// <summary>Calls never answer (a storage account that accepts the connection and then says nothing).</summary>
    public bool Hanging { get; set; }

    public string Description => inner.Description;

    public async Task<FleetShareSnapshot> ReadAsync(string operation, CancellationToken cancellationToken = default)
    {
        if (Hanging)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return Unreachable ? throw Refused() : await inner.ReadAsync(operation, cancellationToken);
    }

    public Task<bool> TryReplaceAsync(string operation, FleetShareState state, string? expectedETag, CancellationToken cancellationToken = default) =>
        Unreachable ? throw Refused() : inner.TryReplaceAsync(operation, state, expectedETag, cancellationToken);

    private static RequestFailedException Refused() =>
        new(0, "Connection refused (127.0.0.1:1)", new HttpRequestException("Connection refused (127.0.0.1:1)"));
}
