namespace LiveRelay.Queues.AzureStorage;

/// <summary>A storage account name and key. The key never leaves this type except into an HMAC.</summary>
internal sealed class StorageSharedKey
{
    private readonly byte[] _key;

    public StorageSharedKey(string accountName, byte[] key)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountName);
        ArgumentNullException.ThrowIfNull(key);
        AccountName = accountName;
        _key = key;
    }

    public string AccountName { get; }

    internal ReadOnlySpan<byte> Key => _key;

    public override string ToString() => $"{AccountName} (key redacted)";
}
