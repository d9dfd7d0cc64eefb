using Azure.Data.Tables;

namespace LiveRelay.Storage;

/// <summary>
/// Table clients for calls on a message's path or on a one-second beat (the delivery ledger, fleet pacing): a call that
/// fails must fail at once, not after the SDK's default retries (seconds each): the ledger then sends anyway, and a
/// pacing renewal is tried again a second later.
/// </summary>
public static class FailFastTableOptions
{
    public static void Apply(TableClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(2);
    }
}
