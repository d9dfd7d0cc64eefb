namespace LiveRelay.AlibabaCloud.Credentials;

/// <summary>Supplies the credential that signs Live API calls.</summary>
public interface IAlibabaCloudCredentialProvider
{
    /// <summary>Returns the current credential, usually from a cache.</summary>
    ValueTask<AlibabaCloudCredential> GetCredentialAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Re-reads the credential from its source, bypassing any cache. Called after the API rejected a
    /// call as unauthenticated, which is how a rotated key is noticed before the next scheduled refresh.
    /// Concurrent callers share one refresh.
    /// </summary>
    ValueTask<AlibabaCloudCredential> RefreshAsync(CancellationToken cancellationToken = default);
}
