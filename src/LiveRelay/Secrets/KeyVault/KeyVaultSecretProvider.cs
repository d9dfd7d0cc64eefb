using System.Collections.Concurrent;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveRelay.Secrets.KeyVault;

/// <summary>
/// Named secrets (webhook signing secrets) from Key Vault. Each is read on first use, cached (a missing secret
/// too), and re-read on <see cref="KeyVaultOptions.RefreshInterval"/>; when the vault cannot be read the last
/// good value stays in use; when it says the secret is disabled or deleted, the value is dropped.
/// </summary>
public sealed partial class KeyVaultSecretProvider : ISecretProvider, IPeriodicallyRefreshed, ISecretSourceDescription, IDisposable
{
    private readonly KeyVaultSecretReader _reader;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, CachedSecret> _secrets = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _disposed = new();
    private readonly CancellationToken _stopping;
    private int _disposeCount;

    public KeyVaultSecretProvider(
        SecretClient client,
        IOptions<KeyVaultOptions> options,
        TimeProvider? timeProvider = null,
        ILogger<KeyVaultSecretProvider>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _reader = new KeyVaultSecretReader(client, options.Value.ReadTimeout, timeProvider ?? TimeProvider.System);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _stopping = _disposed.Token;
    }

    public Uri VaultUri => _reader.VaultUri;

    public async ValueTask<string?> GetSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        SecretNameRules.ThrowIfInvalid(name);
        var cached = _secrets.GetOrAdd(name, static _ => new CachedSecret());
        if (cached.Current is { } current)
        {
            return current.Value;
        }

        var read = await cached.Flight.RunAsync(() => ReadAndKeepAsync(name, cached)).WaitAsync(cancellationToken).ConfigureAwait(false);
        return read.Value;
    }

    async Task IPeriodicallyRefreshed.RefreshNowAsync(CancellationToken cancellationToken)
    {
        foreach (var (name, cached) in _secrets)
        {
            try
            {
                await cached.Flight.RunAsync(() => ReadAndKeepAsync(name, cached)).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SecretUnavailableException ex)
            {
                // Never read yet; the next use or refresh tries again.
                LogStillUnread(_logger, ex.Message);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    string ISecretSourceDescription.Describe(string secretName) => _reader.Describe(secretName);

    public void Dispose()
    {
        // DI disposes this once per registration it is resolved through.
        if (Interlocked.Exchange(ref _disposeCount, 1) == 0)
        {
            _disposed.Cancel();
            _disposed.Dispose();
        }
    }

    public override string ToString() => $"{nameof(KeyVaultSecretProvider)} {{ Vault = {VaultUri}, Cached = {_secrets.Count} }}";

    private async Task<SecretValue> ReadAndKeepAsync(string name, CachedSecret cached)
    {
        var previous = cached.Current;
        VaultSecret? secret;
        try
        {
            secret = await _reader.ReadAsync(name, null, _stopping).ConfigureAwait(false);
        }
        catch (SecretUnavailableException ex) when (ex.Revoked)
        {
            // Disabled in the vault: as if it did not exist, from now on, so a leaked secret stops verifying within one refresh.
            if (previous?.Value is not null)
            {
                LogRevoked(_logger, ex.Message, name);
            }

            var revoked = new SecretValue(null, null);
            cached.Current = revoked;
            return revoked;
        }
        catch (SecretUnavailableException ex) when (previous is not null)
        {
            LogKeptLastGood(_logger, ex.Message, name);
            return previous;
        }

        var value = new SecretValue(secret?.Value, secret?.Version);
        if (previous is null || previous.Version != value.Version)
        {
            if (secret is null)
            {
                LogMissing(_logger, name, VaultUri);
            }
            else
            {
                LogRead(_logger, name, secret.Version, VaultUri);
            }
        }

        cached.Current = value;
        return value;
    }

    private sealed class CachedSecret
    {
        public volatile SecretValue? Current;

        public SingleFlight<SecretValue> Flight { get; } = new();
    }

    /// <summary>A cached value; null when the vault has no such secret. Prints no value.</summary>
    private sealed class SecretValue(string? value, string? version)
    {
        public string? Value { get; } = value;

        public string? Version { get; } = version;

        public override string ToString() => Version ?? "missing";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Secret {SecretName} version {Version} read from Key Vault {Vault}")]
    private static partial void LogRead(ILogger logger, string secretName, string version, Uri vault);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Secret {SecretName} does not exist in Key Vault {Vault}")]
    private static partial void LogMissing(ILogger logger, string secretName, Uri vault);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Reason} Keeping the last good value of {SecretName}.")]
    private static partial void LogKeptLastGood(ILogger logger, string reason, string secretName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Reason} Secret {SecretName} is no longer used.")]
    private static partial void LogRevoked(ILogger logger, string reason, string secretName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Reason}")]
    private static partial void LogStillUnread(ILogger logger, string reason);
}
