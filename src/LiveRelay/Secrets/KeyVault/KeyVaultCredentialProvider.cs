using Azure.Security.KeyVault.Secrets;
using LiveRelay.AlibabaCloud.Credentials;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveRelay.Secrets.KeyVault;

/// <summary>
/// The Alibaba Cloud key pair from Key Vault: read once, cached, re-read on <see cref="KeyVaultOptions.RefreshInterval"/>
/// and at once through <see cref="RefreshAsync"/> when the Live API rejects the credential. When the vault cannot be
/// read, the last good pair stays in use.
/// </summary>
public sealed partial class KeyVaultCredentialProvider : IAlibabaCloudCredentialProvider, IPeriodicallyRefreshed, IDisposable
{
    private readonly KeyVaultCredentialReader _reader;
    private readonly KeyVaultOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SingleFlight<CredentialSnapshot> _flight = new();
    private readonly CancellationTokenSource _disposed = new();
    private readonly CancellationToken _stopping;
    private int _disposeCount;
    private readonly Lock _gate = new();
    private volatile CredentialSnapshot? _current;
    private long? _lastForcedRefresh;

    public KeyVaultCredentialProvider(
        SecretClient client,
        IOptions<KeyVaultOptions> options,
        TimeProvider? timeProvider = null,
        ILogger<KeyVaultCredentialProvider>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        VaultUri = client.VaultUri;
        _stopping = _disposed.Token;
        _reader = new KeyVaultCredentialReader(new KeyVaultSecretReader(client, _options.ReadTimeout, _timeProvider), _options, _timeProvider);
    }

    public Uri VaultUri { get; }

    public async ValueTask<AlibabaCloudCredential> GetCredentialAsync(CancellationToken cancellationToken = default)
    {
        if (_current is { } current)
        {
            return current.Credential;
        }

        var snapshot = await _flight.RunAsync(ReadAndKeepAsync).WaitAsync(cancellationToken).ConfigureAwait(false);
        return snapshot.Credential;
    }

    /// <summary>
    /// Re-reads the pair now. Callers that arrive while a read is running share it; a forced read sooner than
    /// <see cref="KeyVaultOptions.MinimumRefreshInterval"/> after the previous one returns the cached pair instead.
    /// On a vault failure the last good pair is returned; with none, <see cref="SecretUnavailableException"/>.
    /// </summary>
    public async ValueTask<AlibabaCloudCredential> RefreshAsync(CancellationToken cancellationToken = default)
    {
        Task<CredentialSnapshot>? running;
        lock (_gate)
        {
            running = _flight.Running;
            if (running is null && _current is { } current && _lastForcedRefresh is { } last
                && _timeProvider.GetElapsedTime(last) < _options.MinimumRefreshInterval)
            {
                LogForcedRefreshSkipped(_logger, _options.MinimumRefreshInterval);
                return current.Credential;
            }

            // Started inside the lock (the read itself runs elsewhere), so a caller right behind this one finds it
            // running and waits for it rather than taking the pair about to be replaced.
            _lastForcedRefresh = _timeProvider.GetTimestamp();
            running ??= _flight.RunAsync(ReadAndKeepAsync);
        }

        var snapshot = await running.WaitAsync(cancellationToken).ConfigureAwait(false);
        return snapshot.Credential;
    }

    async Task IPeriodicallyRefreshed.RefreshNowAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _flight.RunAsync(ReadAndKeepAsync).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SecretUnavailableException ex)
        {
            // Only reached while no pair was ever read; the next refresh or send tries again.
            LogNoCredentialYet(_logger, ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public void Dispose()
    {
        // DI disposes this once per registration it is resolved through.
        if (Interlocked.Exchange(ref _disposeCount, 1) == 0)
        {
            _disposed.Cancel();
            _disposed.Dispose();
        }
    }

    public override string ToString() =>
        $"{nameof(KeyVaultCredentialProvider)} {{ Vault = {VaultUri}, SecretVersion = {_current?.SecretVersion ?? "none"} }}";

    private async Task<CredentialSnapshot> ReadAndKeepAsync()
    {
        var previous = _current;
        CredentialSnapshot snapshot;
        try
        {
            snapshot = await _reader.ReadAsync(_stopping).ConfigureAwait(false);
        }
        catch (SecretUnavailableException ex) when (ex.Revoked && previous is not null)
        {
            // Disabled or deleted in the vault (a leaked key being withdrawn): stop signing with it now, not at restart.
            LogRevoked(_logger, ex.Message);
            _current = null;
            throw;
        }
        catch (SecretUnavailableException ex) when (previous is not null)
        {
            LogKeptLastGood(_logger, ex.Message, previous.ReadAt);
            return previous;
        }

        if (snapshot.SameVersionsAs(previous))
        {
            LogUnchanged(_logger, VaultUri, snapshot.SecretVersion);
        }
        else
        {
            LogRead(_logger, VaultUri, _options.AccessKeySecretSecretName, snapshot.SecretVersion, _options.AccessKeyIdSecretName,
                snapshot.AccessKeyIdVersion, snapshot.SecurityTokenVersion ?? "none");
        }

        _current = snapshot;
        return snapshot;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Alibaba Cloud key pair read from Key Vault {Vault}: {SecretName} version {SecretVersion}, {IdName} version {IdVersion}, security token version {TokenVersion}")]
    private static partial void LogRead(ILogger logger, Uri vault, string secretName, string secretVersion, string idName, string idVersion, string tokenVersion);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Alibaba Cloud key pair in Key Vault {Vault} unchanged (version {SecretVersion})")]
    private static partial void LogUnchanged(ILogger logger, Uri vault, string secretVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Reason} Keeping the Alibaba Cloud key pair read at {ReadAt:o}.")]
    private static partial void LogKeptLastGood(ILogger logger, string reason, DateTimeOffset readAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Reason} The Alibaba Cloud key pair in use is revoked; Live API calls cannot be signed until a good pair is written.")]
    private static partial void LogRevoked(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Reason} No Alibaba Cloud key pair has been read yet; Live API calls cannot be signed.")]
    private static partial void LogNoCredentialYet(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Forced credential refresh skipped: the previous one was less than {MinimumInterval} ago")]
    private static partial void LogForcedRefreshSkipped(ILogger logger, TimeSpan minimumInterval);
}
