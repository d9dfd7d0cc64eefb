using LiveRelay.AlibabaCloud.Credentials;
using LiveRelay.Secrets.KeyVault;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveRelay.Secrets;

/// <summary>
/// At start-up, reads the key pair and every required secret, so a host without them fails at once with a message
/// naming the vault and the secret instead of failing its first send. Then re-reads the caches on
/// <see cref="KeyVaultOptions.RefreshInterval"/>, so a rotated secret is picked up without a restart. With
/// <see cref="RequiredSecretsOptions.StartWithoutSecrets"/> a missing secret does not stop the start: it is logged,
/// kept in <see cref="SecretsStatus"/> and looked for again on every refresh.
/// </summary>
internal sealed partial class SecretsRefreshService(
    IAlibabaCloudCredentialProvider credentials,
    ISecretProvider secrets,
    IOptions<KeyVaultOptions> options,
    IOptions<RequiredSecretsOptions> required,
    TimeProvider timeProvider,
    SecretsStatus status,
    ILogger<SecretsRefreshService>? logger = null) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private Task _refreshing = Task.CompletedTask;

    /// <summary>The latest background refresh (completed when none is running); tests wait on it.</summary>
    internal Task Refreshing
    {
        get
        {
            lock (_gate)
            {
                return _refreshing;
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var startWithout = required.Value.StartWithoutSecrets;
        var missing = await FindMissingAsync(stopAtFirst: !startWithout, cancellationToken).ConfigureAwait(false);
        if (missing.Count > 0 && !startWithout)
        {
            throw missing[0];
        }

        foreach (var secret in missing)
        {
            LogStartingWithout(_logger, secret.Message);
        }

        status.Set([.. missing.Select(static m => m.Message)]);
        if (credentials is IPeriodicallyRefreshed || secrets is IPeriodicallyRefreshed)
        {
            var interval = options.Value.RefreshInterval;
            _timer = timeProvider.CreateTimer(static state => ((SecretsRefreshService)state!).OnTimer(), this, interval, interval);
            LogStarted(_logger, interval);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_timer is { } timer)
        {
            await timer.DisposeAsync().ConfigureAwait(false);
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_timer is { } timer)
        {
            await timer.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            // A refresh slower than the interval is not stacked on.
            if (_refreshing.IsCompleted && !_stopping.IsCancellationRequested)
            {
                _refreshing = RefreshAsync(_stopping.Token);
            }
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (credentials is IPeriodicallyRefreshed credentialCache)
        {
            await credentialCache.RefreshNowAsync(cancellationToken).ConfigureAwait(false);
        }

        if (secrets is IPeriodicallyRefreshed secretCache)
        {
            await secretCache.RefreshNowAsync(cancellationToken).ConfigureAwait(false);
        }

        if (status.Missing.Count > 0)
        {
            var missing = await FindMissingAsync(stopAtFirst: false, cancellationToken).ConfigureAwait(false);
            status.Set([.. missing.Select(static m => m.Message)]);
        }
    }

    /// <summary>
    /// The key pair and each required secret that cannot be read now, each as the error that says so. A start that
    /// fails anyway stops at the first: with the vault out of reach, every further read would wait for its timeout.
    /// </summary>
    private async Task<List<SecretUnavailableException>> FindMissingAsync(bool stopAtFirst, CancellationToken cancellationToken)
    {
        var missing = new List<SecretUnavailableException>();
        try
        {
            await credentials.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SecretUnavailableException ex)
        {
            missing.Add(ex);
        }

        foreach (var name in required.Value.Names)
        {
            if (stopAtFirst && missing.Count > 0)
            {
                break;
            }

            try
            {
                if (await secrets.GetSecretAsync(name, cancellationToken).ConfigureAwait(false) is null)
                {
                    var where = secrets is ISecretSourceDescription source ? source.Describe(name) : $"secret '{name}'";
                    missing.Add(new SecretUnavailableException(
                        name, (secrets as ISecretSourceDescription)?.VaultUri, $"The required {where} does not exist."));
                }
            }
            catch (SecretUnavailableException ex)
            {
                missing.Add(ex);
            }
        }

        return missing;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Starting without it, and looking for it again on every refresh: {Reason}")]
    private static partial void LogStartingWithout(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Secrets are re-read every {Interval}")]
    private static partial void LogStarted(ILogger logger, TimeSpan interval);
}
