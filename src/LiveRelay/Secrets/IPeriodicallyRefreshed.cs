namespace LiveRelay.Secrets;

/// <summary>A cache of secrets that the refresh service re-reads on <see cref="KeyVault.KeyVaultOptions.RefreshInterval"/>.</summary>
internal interface IPeriodicallyRefreshed
{
    /// <summary>Re-reads everything cached. Never throws: a failed read keeps the last good value and logs a warning.</summary>
    Task RefreshNowAsync(CancellationToken cancellationToken);
}
