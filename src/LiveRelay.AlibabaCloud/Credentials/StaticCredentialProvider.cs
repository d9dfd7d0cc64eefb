namespace LiveRelay.AlibabaCloud.Credentials;

/// <summary>A fixed credential, for local runs, the emulator and tests.</summary>
public sealed class StaticCredentialProvider(AlibabaCloudCredential credential) : IAlibabaCloudCredentialProvider
{
    private readonly AlibabaCloudCredential _credential = credential ?? throw new ArgumentNullException(nameof(credential));

    public ValueTask<AlibabaCloudCredential> GetCredentialAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_credential);

    public ValueTask<AlibabaCloudCredential> RefreshAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_credential);
}
