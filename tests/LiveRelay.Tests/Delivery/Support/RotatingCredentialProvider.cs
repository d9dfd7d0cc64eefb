using LiveRelay.AlibabaCloud.Credentials;

namespace LiveRelay.Tests.Delivery.Support;

/// <summary>Serves <see cref="Old"/> until refreshed, then <see cref="New"/> (a key rotated in the vault); counts refreshes.</summary>
internal sealed class RotatingCredentialProvider : IAlibabaCloudCredentialProvider
{
    public static readonly AlibabaCloudCredential Old = new("AKOLD", "old-secret-value-0123456789");
    public static readonly AlibabaCloudCredential New = new("AKNEW", "new-secret-value-9876543210");

    private int _refreshes;

    public int Refreshes => Volatile.Read(ref _refreshes);

    /// <summary>When set, refreshing fails as a vault outage would.</summary>
    public bool RefreshFails { get; set; }

    /// <summary>When set, no key pair can be read at all, as before the first one is written to the vault.</summary>
    public bool Unavailable { get; set; }

    public ValueTask<AlibabaCloudCredential> GetCredentialAsync(CancellationToken cancellationToken = default) =>
        Unavailable
            ? ValueTask.FromException<AlibabaCloudCredential>(new LiveRelay.Secrets.SecretUnavailableException(
                "alibaba-access-key-secret", new Uri("https://test.vault.azure.net/"), "Secret 'alibaba-access-key-secret' does not exist."))
            : ValueTask.FromResult(Refreshes == 0 ? Old : New);

    public ValueTask<AlibabaCloudCredential> RefreshAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _refreshes);
        return RefreshFails
            ? ValueTask.FromException<AlibabaCloudCredential>(new InvalidOperationException("The vault could not be reached."))
            : ValueTask.FromResult(New);
    }
}
